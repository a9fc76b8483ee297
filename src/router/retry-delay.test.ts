import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  const base = { retryIndex: 0, remainingMs: 30_000, random: () => 0.5 };

  it.each([
    ['the upstream Retry-After when it fits', { retryAfterMs: 2000 }, 2000],
    ['nothing when Retry-After passes the deadline', { retryAfterMs: 40_000 }, undefined],
    [
      'nothing when Retry-After is over a minute',
      { retryAfterMs: 61_000, remainingMs: 120_000 },
      undefined,
    ],
    ['a zero Retry-After', { retryAfterMs: 0 }, 0],
    ['backoff between half and all of 500 ms first', { retryAfterMs: undefined }, 375],
    ['backoff that doubles', { retryAfterMs: undefined, retryIndex: 2 }, 1500],
    ['backoff capped at 8 s', { retryAfterMs: undefined, retryIndex: 10 }, 6000],
    [
      'nothing when backoff passes the deadline',
      { retryAfterMs: undefined, remainingMs: 100 },
      undefined,
    ],
  ])('should give %s', (_name, input, expected) => {
    expect(retryDelayMs({ ...base, ...input })).toBe(expected);
  });
});
