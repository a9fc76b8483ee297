import { describe, expect, it } from 'vitest';
import { readOtlpId } from './otlp-ids.js';

describe('readOtlpId', () => {
  it.each([
    ['lowercases hex', 'B7AD6B7169203331', 'span', 'hex', 'b7ad6b7169203331'],
    ['turns base64 bytes into hex', 't61rcWkgMzE=', 'span', 'base64', 'b7ad6b7169203331'],
    [
      'reads a 16-byte trace id',
      '0af7651916cd43dd8448eb211c80319c',
      'trace',
      'hex',
      '0af7651916cd43dd8448eb211c80319c',
    ],
    ['treats an empty id as absent', '', 'span', 'hex', undefined],
  ] as const)('should read an id: %s', (_name, value, kind, encoding, expected) => {
    expect(readOtlpId(value, kind, encoding)).toBe(expected);
  });

  it.each([
    ['a span id of the wrong length', 'b7ad6b71', 'span'],
    ['a trace id given as a span id', '0af7651916cd43dd8448eb211c80319c', 'span'],
    ['text that is not hex', 'zzad6b7169203331', 'span'],
    ['an all-zero trace id', '00000000000000000000000000000000', 'trace'],
    ['a number', 12, 'span'],
  ] as const)('should refuse %s', (_name, value, kind) => {
    expect(readOtlpId(value, kind, 'hex')).toHaveProperty('problem');
  });
});
