import { describe, expect, it } from 'vitest';
import { makeRouterSettings } from '../../test/helpers/make-deployment.js';
import { FallbackChain } from './fallback-chain.js';

const exists = (name: string) => name !== 'ghost';

describe('FallbackChain', () => {
  it('should walk the fallbacks in order, skipping unknown and visited groups', () => {
    const settings = makeRouterSettings({ fallbacks: new Map([['a', ['ghost', 'b', 'a', 'c']]]) });
    const chain = new FallbackChain('a', settings, exists, false);
    expect([chain.next('general'), chain.next('general'), chain.next('general')]).toEqual([
      'b',
      'c',
      undefined,
    ]);
  });

  it('should use default_fallbacks when the model has none of its own', () => {
    const settings = makeRouterSettings({ defaultFallbacks: ['d'] });
    expect(new FallbackChain('a', settings, exists, false).next('general')).toBe('d');
  });

  it('should never enter a group twice across lists', () => {
    const settings = makeRouterSettings({
      fallbacks: new Map([['a', ['b']]]),
      contextWindowFallbacks: new Map([['a', ['b', 'big']]]),
    });
    const chain = new FallbackChain('a', settings, exists, false);
    expect(chain.next('general')).toBe('b');
    expect(chain.next('context_window')).toBe('big');
  });

  it('should offer nothing when fallbacks are disabled for the request', () => {
    const settings = makeRouterSettings({ fallbacks: new Map([['a', ['b']]]) });
    const chain = new FallbackChain('a', settings, exists, true);
    expect(chain.next('general')).toBeUndefined();
    expect(chain.size).toBe(0);
  });

  it('should count the distinct groups it could offer', () => {
    const settings = makeRouterSettings({
      fallbacks: new Map([['a', ['b', 'c']]]),
      contentPolicyFallbacks: new Map([['a', ['c', 'ghost']]]),
    });
    expect(new FallbackChain('a', settings, exists, false).size).toBe(2);
  });
});
