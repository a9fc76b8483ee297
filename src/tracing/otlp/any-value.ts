import type { AttributeValue, Attributes } from './otlp-model.js';

/**
 * Values nested deeper are cut to a marker: no real instrumentation nests this far,
 * and each level costs stack in this reader and in whatever later serialises the value.
 */
const maxNestingDepth = 32;
const tooDeep = '[nested too deep]';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** int64 arrives as a decimal string or a number; past 2^53 it stays text to keep every digit. */
function readInt(value: unknown): AttributeValue {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}

/** Proto3 JSON writes non-finite doubles as text. */
function readDouble(value: unknown): AttributeValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  return typeof value === 'string' ? value : null;
}

function readList(value: unknown, depth: number): AttributeValue[] {
  const values = isRecord(value) && Array.isArray(value.values) ? value.values : [];
  return values.map((item) => readAnyValue(item, depth + 1));
}

function readKeyValues(value: unknown, depth: number): Attributes {
  const values = isRecord(value) && Array.isArray(value.values) ? value.values : [];
  return readAttributes(values, depth + 1);
}

/** One OTLP AnyValue, in its JSON form, as a plain value; an empty or unknown one is null. */
export function readAnyValue(value: unknown, depth = 0): AttributeValue {
  if (!isRecord(value)) return null;
  if (depth > maxNestingDepth) return tooDeep;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined) return readInt(value.intValue);
  if (value.doubleValue !== undefined) return readDouble(value.doubleValue);
  if (value.arrayValue !== undefined) return readList(value.arrayValue, depth);
  if (value.kvlistValue !== undefined) return readKeyValues(value.kvlistValue, depth);
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  return null;
}

/**
 * A list of OTLP KeyValues as an object; entries without a key are skipped. Built with
 * `Object.fromEntries`, so a key such as `__proto__` stays an own property.
 */
export function readAttributes(list: unknown, depth = 0): Attributes {
  if (!Array.isArray(list)) return {};
  const entries: [string, AttributeValue][] = [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key === '') continue;
    entries.push([entry.key, readAnyValue(entry.value, depth)]);
  }
  return Object.fromEntries(entries);
}
