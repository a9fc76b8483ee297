/**
 * `{{variable}}` templates as Langfuse prompts write them. Only substitution: Mustache's
 * sections, partials and triple braces are not interpreted and stay in the text as written.
 */

/** Values a template accepts; numbers and booleans print as text, objects as JSON. */
export type TemplateVariables = Record<string, unknown>;

/** `{{name}}`, spaces allowed inside the braces; names of letters, digits, `_`, `.`, `-`. */
const variablePattern = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

/** The variables a text uses, each once, in order of first use. */
export function findVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(variablePattern)) names.add(match[1] ?? '');
  return [...names];
}

function printValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface FilledText {
  text: string;
  /** Variables the text uses that were not given; left in the text as written. */
  missing: string[];
}

/** Writes the given variables into a text; a variable not given stays as `{{name}}`. */
export function fillVariables(text: string, variables: TemplateVariables): FilledText {
  const missing = new Set<string>();
  const filled = text.replace(variablePattern, (written, name: string) => {
    if (!Object.hasOwn(variables, name) || variables[name] === undefined) {
      missing.add(name);
      return written;
    }
    return printValue(variables[name]);
  });
  return { text: filled, missing: [...missing] };
}
