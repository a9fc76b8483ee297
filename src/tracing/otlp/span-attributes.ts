import type { AttributeValue, Attributes } from './otlp-model.js';

/** The first of `keys` with a non-empty value, as text; numbers and booleans are spelled out. */
export function stringAttribute(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/** A finite number, or numeric text, as a number. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** The first of `keys` that holds a number or numeric text. */
export function numberAttribute(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const number = toNumber(attributes[key]);
    if (number !== undefined) return number;
  }
  return undefined;
}

/** `true` or `"true"` is true, `false` or `"false"` false; anything else is not said. */
export function booleanAttribute(attributes: Attributes, key: string): boolean | undefined {
  const value = attributes[key];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * SDKs serialise objects into string attributes as JSON: such text is parsed back, and
 * text that is not JSON is kept as it is. Structured values pass through.
 */
export function parseJsonText(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Like `parseJsonText`, but only objects and arrays are parsed: `"42"` stays text. */
export function parseJsonStructure(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  return parseJsonText(value);
}

/** A JSON object held by an attribute (as text or as a kvlist), or undefined. */
export function objectAttribute(
  attributes: Attributes,
  key: string,
): Record<string, unknown> | undefined {
  const value = parseJsonText(attributes[key]);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The attributes under `prefix.`, with the prefix taken off their keys. */
export function attributesUnder(
  attributes: Attributes,
  prefix: string,
): [string, AttributeValue][] {
  const start = `${prefix}.`;
  return Object.entries(attributes)
    .filter(([key]) => key.startsWith(start) && key.length > start.length)
    .map(([key, value]) => [key.slice(start.length), value]);
}
