import { describe, expect, it } from 'vitest';
import { buildRouterSettings, readFallbacks } from './build-router-settings.js';
import {
  litellmSettingsSchema,
  type FallbackList,
  routerSettingsSchema,
  type LitellmSettingsFile,
  type RouterSettingsFile,
} from './config-file-schema.js';
import { defaults } from './defaults.js';

function build(router: unknown, litellm: unknown) {
  const warnings: string[] = [];
  const settings = buildRouterSettings(
    router === undefined ? undefined : (routerSettingsSchema.parse(router) as RouterSettingsFile),
    litellm === undefined
      ? undefined
      : (litellmSettingsSchema.parse(litellm) as LitellmSettingsFile),
    warnings,
  );
  return { settings, warnings };
}

describe('buildRouterSettings', () => {
  it('should fill every default when nothing is set', () => {
    const { settings, warnings } = build(undefined, undefined);

    expect(settings).toMatchObject({
      routingStrategy: 'simple-shuffle',
      numRetries: defaults.router.numRetries,
      timeoutMs: defaults.router.timeoutMs,
      allowedFails: defaults.router.allowedFails,
      cooldownSeconds: defaults.router.cooldownSeconds,
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['num_retries', { num_retries: 4 }, { numRetries: 4 }],
    ['request_timeout', { request_timeout: 45 }, { timeoutMs: 45_000 }],
    ['timeout', { timeout: 12 }, { timeoutMs: 12_000 }],
    [
      'allowed_fails and cooldown_time',
      { allowed_fails: 1, cooldown_time: 30 },
      { allowedFails: 1, cooldownSeconds: 30 },
    ],
  ])(
    'should read %s from litellm_settings as older configs write it',
    (_name, litellm, expected) => {
      const { settings, warnings } = build(undefined, litellm);

      expect(settings).toMatchObject(expected);
      expect(warnings.every((warning) => warning.startsWith('litellm_settings.'))).toBe(true);
    },
  );

  it('should let router_settings win over litellm_settings and say so', () => {
    const { settings, warnings } = build({ num_retries: 1 }, { num_retries: 5 });

    expect(settings.numRetries).toBe(1);
    expect(warnings).toEqual([
      'litellm_settings.num_retries is ignored: router_settings.num_retries is also set and wins.',
    ]);
  });

  it('should prefer timeout over request_timeout', () => {
    expect(build({ timeout: 10, request_timeout: 99 }, undefined).settings.timeoutMs).toBe(10_000);
  });

  it('should read usage-based-routing-v2 as usage-based-routing', () => {
    const { settings } = build({ routing_strategy: 'usage-based-routing-v2' }, undefined);

    expect(settings.routingStrategy).toBe('usage-based-routing');
  });

  it('should read the retry and allowed-fails policies by error kind', () => {
    const { settings } = build(
      {
        retry_policy: { RateLimitErrorRetries: 3, AuthenticationErrorRetries: 0 },
        allowed_fails_policy: { TimeoutErrorAllowedFails: 5 },
      },
      undefined,
    );

    expect(settings.retryPolicy).toEqual({ rateLimit: 3, authentication: 0 });
    expect(settings.allowedFailsPolicy).toEqual({ timeout: 5 });
  });
});

describe('readFallbacks', () => {
  it.each<[string, FallbackList | undefined, Record<string, string[]>]>([
    [
      'a list of one-key maps with lists',
      [{ a: ['b', 'c'] }, { d: ['e'] }],
      { a: ['b', 'c'], d: ['e'] },
    ],
    ['one map', { a: ['b'] }, { a: ['b'] }],
    ['a single name as the target', [{ a: 'b' }], { a: ['b'] }],
    ['the same model twice, joined in order', [{ a: ['b'] }, { a: ['c'] }], { a: ['b', 'c'] }],
    ['nothing', undefined, {}],
  ])('should read %s', (_name, list, expected) => {
    expect(Object.fromEntries(readFallbacks(list))).toEqual(expected);
  });
});
