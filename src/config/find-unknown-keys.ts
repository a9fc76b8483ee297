import { z } from 'zod';

/**
 * Lists the keys of a parsed config that the schema does not name, as dotted paths.
 * Records (free-form maps such as `extra_headers`) are not searched.
 */
export function findUnknownKeys(schema: z.ZodType, value: unknown, path = ''): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const unknown: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const childSchema = shape[key];
      if (childSchema === undefined) unknown.push(childPath);
      else unknown.push(...findUnknownKeys(childSchema, item, childPath));
    }
    return unknown;
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, index) =>
      findUnknownKeys(inner.element as z.ZodType, item, `${path}[${index}]`),
    );
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDefault) {
      current = current.def.innerType as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in as z.ZodType;
    } else {
      return current;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
