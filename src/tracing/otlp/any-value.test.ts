import { describe, expect, it } from 'vitest';
import { readAnyValue, readAttributes } from './any-value.js';

describe('readAnyValue', () => {
  it.each([
    ['a string', { stringValue: 'hi' }, 'hi'],
    ['an empty string', { stringValue: '' }, ''],
    ['a boolean', { boolValue: false }, false],
    ['an int64 as text', { intValue: '42' }, 42],
    ['an int64 as a number', { intValue: 7 }, 7],
    ['an int64 past 2^53, kept as text', { intValue: '9007199254740993' }, '9007199254740993'],
    ['a double', { doubleValue: 0.25 }, 0.25],
    ['a double spelled as text', { doubleValue: '1.5' }, 1.5],
    ['a NaN double', { doubleValue: 'NaN' }, 'NaN'],
    ['bytes, kept as base64', { bytesValue: 'AQID' }, 'AQID'],
    ['an array', { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'x' }] } }, [1, 'x']],
    [
      'a kvlist',
      { kvlistValue: { values: [{ key: 'role', value: { stringValue: 'user' } }] } },
      { role: 'user' },
    ],
    ['an empty value', {}, null],
    ['something that is not a value', 'text', null],
  ])('should read %s', (_name, value, expected) => {
    expect(readAnyValue(value)).toEqual(expected);
  });

  it('should cut values nested past its depth limit', () => {
    let value: unknown = { stringValue: 'leaf' };
    for (let level = 0; level < 100; level++) value = { arrayValue: { values: [value] } };
    expect(JSON.stringify(readAnyValue(value))).toContain('[nested too deep]');
  });
});

describe('readAttributes', () => {
  it('should skip entries without a key and keep __proto__ as an own property', () => {
    const attributes = readAttributes([
      { key: 'a', value: { stringValue: '1' } },
      { value: { stringValue: 'no key' } },
      { key: '__proto__', value: { kvlistValue: { values: [] } } },
    ]);
    expect(Object.keys(attributes)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
  });

  it('should read a list that is not a list as no attributes', () => {
    expect(readAttributes('nope')).toEqual({});
  });
});
