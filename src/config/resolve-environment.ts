export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolvedValue {
  value: unknown;
  /** Names referenced but not set, with the config path of each reference. */
  missing: { name: string; path: string }[];
}

const wholeReference = /^(?:os\.environ\/([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*))$/;
const embeddedReference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces environment references in every string of a parsed config: a whole value of
 * `os.environ/NAME` or `$NAME`, and `${NAME}` anywhere in a value. A reference to an unset
 * variable becomes `undefined` (whole) or an empty string (embedded) and is reported.
 */
export function resolveEnvironment(root: unknown, environment: Environment): ResolvedValue {
  const missing: ResolvedValue['missing'] = [];

  const visit = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return resolveString(value, path);
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${path}[${index}]`));
    if (value !== null && typeof value === 'object') {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        result[key] = visit(item, path ? `${path}.${key}` : key);
      }
      return result;
    }
    return value;
  };

  const resolveString = (value: string, path: string): string | undefined => {
    const whole = wholeReference.exec(value.trim());
    if (whole) {
      const name = (whole[1] ?? whole[2]) as string;
      const resolved = environment[name];
      if (resolved === undefined) missing.push({ name, path });
      return resolved;
    }
    return value.replace(embeddedReference, (_match, name: string) => {
      const resolved = environment[name];
      if (resolved === undefined) missing.push({ name, path });
      return resolved ?? '';
    });
  };

  return { value: visit(root, ''), missing };
}

/**
 * Drops `null` values, which YAML writes for keys left empty; they mean "not set". A null
 * list item stays, so that every later index, and the line an error names, is still right.
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null) result[key] = dropNulls(item);
    }
    return result;
  }
  return value;
}
