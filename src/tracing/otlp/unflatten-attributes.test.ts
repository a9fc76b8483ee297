import { describe, expect, it } from 'vitest';
import { unflattenAttributes } from './unflatten-attributes.js';

describe('unflattenAttributes', () => {
  it('should rebuild a list of messages from indexed keys, in index order', () => {
    const value = unflattenAttributes([
      ['1.role', 'assistant'],
      ['0.role', 'user'],
      ['0.content', 'hi'],
      ['1.content', 'hello'],
    ]);
    expect(value).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
  });

  it('should rebuild nested objects', () => {
    expect(unflattenAttributes([['0.tool_calls.0.name', 'search']])).toEqual([
      { tool_calls: [{ name: 'search' }] },
    ]);
  });

  it('should drop keys that step through a leaf, or through __proto__', () => {
    const value = unflattenAttributes([
      ['a', 'leaf'],
      ['a.b', 'under a leaf'],
      ['__proto__.polluted', 'yes'],
      ['toString.x', 'own'],
    ]);
    expect(value).toEqual({ a: 'leaf', toString: { x: 'own' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
