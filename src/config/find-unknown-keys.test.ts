import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findUnknownKeys } from './find-unknown-keys.js';

const schema = z
  .object({
    name: z.string(),
    limits: z.object({ rpm: z.number().optional() }).loose().optional(),
    entries: z.array(z.object({ id: z.string() }).loose()).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeout: z.union([z.number(), z.string()]).pipe(z.coerce.number()).optional(),
  })
  .loose();

describe('findUnknownKeys', () => {
  it.each([
    ['no key when every key is known', { name: 'a', limits: { rpm: 1 }, timeout: 3 }, []],
    ['a top-level key', { name: 'a', extra: 1 }, ['extra']],
    [
      'a nested key by its dotted path',
      { name: 'a', limits: { rpm: 1, burst: 2 } },
      ['limits.burst'],
    ],
    [
      'a key in a list item with its index',
      { name: 'a', entries: [{ id: 'x' }, { id: 'y', weight: 1 }] },
      ['entries[1].weight'],
    ],
    ['no key of a free-form record', { name: 'a', headers: { 'x-anything': 'v' } }, []],
    ['no key below a value of the wrong shape', { name: 'a', limits: 'fast' }, []],
  ])('should find %s', (_name, value, expected) => {
    expect(findUnknownKeys(schema, value)).toEqual(expected);
  });
});
