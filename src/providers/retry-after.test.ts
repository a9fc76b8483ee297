import { describe, expect, it } from 'vitest';
import { readRetryAfterMs } from './retry-after.js';

describe('readRetryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it.each([
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['seconds', { 'retry-after': '46' }, 46_000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['an HTTP date', { 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, 10_000],
    ['a date in the past', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['nothing', {}, undefined],
  ])('should read %s', (_name, headers, expected) => {
    expect(readRetryAfterMs(headers, now)).toBe(expected);
  });
});
