import { describe, expect, it } from 'vitest';
import { makeDeployment, makeRouterSettings } from '../../test/helpers/make-deployment.js';
import { TestClock } from '../../test/helpers/test-clock.js';
import type { RouterSettings } from '../config/sereno-config.js';
import { SerenoError, TimeoutError } from '../errors/sereno-error.js';
import type { Deployment } from '../models/deployment.js';
import { ModelRegistry } from '../models/model-registry.js';
import { errorFromUpstream } from '../providers/upstream-error.js';
import type { AttemptContext, RoutedRequest } from './attempt.js';
import { MemoryRouterState } from './memory-router-state.js';
import { Router } from './router.js';

function upstreamError(status: number, headers: Record<string, string> = {}, body = '') {
  return errorFromUpstream({ provider: 'fake', status, headers, bodyText: body });
}

type Behaviour = 'ok' | Error | ((attempt: AttemptContext) => Promise<string>);

/** A router over the given deployments, where each deployment fails or answers as scripted. */
function setup(
  deployments: (Partial<Deployment> & { id: string; modelName: string })[],
  settings: Partial<RouterSettings> = {},
) {
  const clock = new TestClock();
  const state = new MemoryRouterState();
  const registry = new ModelRegistry(deployments.map((d) => makeDeployment(d)));
  const router = new Router({
    registry,
    settings: makeRouterSettings(settings),
    state,
    clock,
    random: () => 0,
  });
  const scripts = new Map<string, Behaviour[]>();
  const tried: string[] = [];

  const script = (id: string, ...behaviours: Behaviour[]) => scripts.set(id, behaviours);
  const run = async (attempt: AttemptContext): Promise<string> => {
    tried.push(attempt.deployment.id);
    const queue = scripts.get(attempt.deployment.id) ?? [];
    const next = queue.length > 1 ? queue.shift()! : (queue[0] ?? 'ok');
    if (next === 'ok') return `answer from ${attempt.deployment.id}`;
    if (next instanceof Error) throw next;
    return next(attempt);
  };
  const request = (modelName: string, extra: Partial<RoutedRequest> = {}): RoutedRequest => ({
    modelName,
    stream: false,
    signal: new AbortController().signal,
    deadline: clock.now() + 60_000,
    ...extra,
  });
  return { clock, state, router, script, run, tried, request };
}

async function failure(promise: Promise<unknown>): Promise<SerenoError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SerenoError);
  return error as SerenoError;
}

describe('Router', () => {
  it('should answer from the first deployment when it succeeds', async () => {
    const { router, run, request } = setup([{ id: 'a', modelName: 'm' }]);
    const result = await router.execute(request('m'), run);
    expect(result).toMatchObject({
      value: 'answer from a',
      attempts: 1,
      fallbacks: 0,
      modelGroup: 'm',
    });
  });

  it('should refuse an unknown model with model_not_found', async () => {
    const { router, run, request } = setup([{ id: 'a', modelName: 'm' }]);
    expect((await failure(router.execute(request('other'), run))).code).toBe('model_not_found');
  });

  it('should retry on another healthy deployment of the group without waiting', async () => {
    const { router, run, request, script, clock, tried } = setup([
      { id: 'a', modelName: 'm', order: 1 },
      { id: 'b', modelName: 'm', order: 2 },
    ]);
    script('a', upstreamError(503));
    const result = await router.execute(request('m'), run);
    expect(result.value).toBe('answer from b');
    expect(tried).toEqual(['a', 'b']);
    expect(clock.sleeps).toEqual([]);
  });

  it('should move to the fallback at once rather than wait out a long Retry-After', async () => {
    const { router, run, request, script, clock } = setup(
      [
        { id: 'groq', modelName: 'fast' },
        { id: 'backup', modelName: 'slow' },
      ],
      { fallbacks: new Map([['fast', ['slow']]]) },
    );
    script(
      'groq',
      upstreamError(429, { 'retry-after': '46' }, 'Rate limit reached. Please try again in 46s.'),
    );
    const result = await router.execute(request('fast'), run);
    expect(result).toMatchObject({ value: 'answer from backup', attempts: 2, fallbacks: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('should keep within the attempt budget and enter no group twice when primary and fallback fail', async () => {
    const { router, run, request, script, tried } = setup(
      [
        { id: 'a', modelName: 'primary' },
        { id: 'b', modelName: 'fallback' },
      ],
      {
        numRetries: 2,
        fallbacks: new Map([
          ['primary', ['fallback']],
          ['fallback', ['primary']],
        ]),
      },
    );
    script('a', upstreamError(429));
    script('b', upstreamError(429));
    const error = await failure(router.execute(request('primary'), run));
    expect(error.status).toBe(429);
    // Budget: 2 retries + the first attempt + 1 fallback group = 4 attempts.
    expect(tried.length).toBeLessThanOrEqual(4);
    expect(tried[0]).toBe('a');
    expect(tried.slice(1).every((id) => id === 'b')).toBe(true);
  });

  it.each([400, 401, 403, 404, 422])(
    'should never retry a %i in the same group',
    async (status) => {
      const { router, run, request, script, tried } = setup([
        { id: 'a', modelName: 'm', order: 1 },
        { id: 'b', modelName: 'm', order: 2 },
      ]);
      script('a', upstreamError(status));
      await failure(router.execute(request('m'), run));
      expect(tried).toEqual(['a']);
    },
  );

  it('should fall back after a 401 but not after a 400 from the client', async () => {
    const { router, run, request, script, tried } = setup(
      [
        { id: 'a', modelName: 'm' },
        { id: 'b', modelName: 'other' },
      ],
      { fallbacks: new Map([['m', ['other']]]) },
    );
    script('a', upstreamError(401), upstreamError(400));
    expect((await router.execute(request('m'), run)).value).toBe('answer from b');
    tried.length = 0;
    await failure(router.execute(request('m'), run));
    expect(tried).toEqual(['a']);
  });

  it('should wait for the upstream Retry-After when nothing else is left', async () => {
    const { router, run, request, script, clock } = setup([{ id: 'a', modelName: 'm' }]);
    script('a', upstreamError(429, { 'retry-after': '2' }), 'ok');
    const result = await router.execute(request('m'), run);
    expect(result.attempts).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('should give up at once when the Retry-After does not fit in the deadline', async () => {
    const { router, run, request, script, clock, tried } = setup([{ id: 'a', modelName: 'm' }]);
    script('a', upstreamError(429, { 'retry-after': '30' }));
    const error = await failure(
      router.execute(request('m', { deadline: clock.now() + 10_000 }), run),
    );
    expect(error.headers['retry-after']).toBe('30');
    expect(tried).toEqual(['a']);
  });

  it('should honour retry_policy per error kind', async () => {
    const { router, run, request, script, tried } = setup([{ id: 'a', modelName: 'm' }], {
      retryPolicy: { rateLimit: 0 },
    });
    script('a', upstreamError(429));
    await failure(router.execute(request('m'), run));
    expect(tried).toEqual(['a']);
  });

  it('should honour disable_fallbacks', async () => {
    const { router, run, request, script, tried } = setup(
      [
        { id: 'a', modelName: 'm' },
        { id: 'b', modelName: 'other' },
      ],
      { fallbacks: new Map([['m', ['other']]]), numRetries: 0 },
    );
    script('a', upstreamError(500));
    await failure(router.execute(request('m', { disableFallbacks: true }), run));
    expect(tried).toEqual(['a']);
  });

  it('should cool a deployment down at once on 429 when its group has others', async () => {
    const { router, run, request, script, state, clock } = setup([
      { id: 'a', modelName: 'm', order: 1 },
      { id: 'b', modelName: 'm', order: 2 },
    ]);
    script('a', upstreamError(429, { 'retry-after': '1' }));
    await router.execute(request('m'), run);
    const [a] = await state.health(['a'], clock.now());
    expect(a).toMatchObject({ status: 'cooling', cooldownUntil: clock.now() + 1000 });
  });

  it('should extend a cooldown to the default when a second 429 without Retry-After comes', async () => {
    const { router, run, request, script, state, clock } = setup([
      { id: 'a', modelName: 'm', order: 1 },
      { id: 'b', modelName: 'm', order: 2 },
    ]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Two requests in flight on a: the first 429 says wait 1 s, the second says nothing.
    script(
      'a',
      async () => {
        await held;
        throw upstreamError(429, { 'retry-after': '1' });
      },
      async () => {
        await held;
        throw upstreamError(429);
      },
    );
    const first = router.execute(request('m'), run);
    const second = router.execute(request('m'), run);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, second]);
    const [a] = await state.health(['a'], clock.now());
    expect(a?.cooldownUntil).toBe(clock.now() + 5000);
  });

  it('should cool down after allowed_fails failures within a minute', async () => {
    const { router, run, request, script, state, clock } = setup([{ id: 'a', modelName: 'm' }], {
      allowedFails: 2,
      numRetries: 0,
    });
    script('a', upstreamError(500));
    await failure(router.execute(request('m'), run));
    expect((await state.health(['a'], clock.now()))[0]?.status).toBe('healthy');
    await failure(router.execute(request('m'), run));
    expect((await state.health(['a'], clock.now()))[0]?.status).toBe('cooling');
  });

  it('should report the upstream failure, not the cooldown it caused, and not wait in vain', async () => {
    const { router, run, request, script, clock, tried } = setup([{ id: 'a', modelName: 'm' }], {
      numRetries: 3,
      allowedFails: 3,
    });
    script('a', upstreamError(500));
    const error = await failure(router.execute(request('m'), run));
    expect(error).toMatchObject({ status: 500, code: 'upstream_error' });
    expect(error.headers['retry-after']).toBe('5');
    // Two waits before attempts 2 and 3; after the third failure the cooldown outlasts any wait.
    expect(tried).toEqual(['a', 'a', 'a']);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('should answer 429 with the shortest remaining cooldown when every deployment cools down', async () => {
    const { router, run, request, state, clock } = setup([
      { id: 'a', modelName: 'm' },
      { id: 'b', modelName: 'm' },
    ]);
    await state.coolDown('a', clock.now() + 12_300);
    await state.coolDown('b', clock.now() + 4_200);
    const error = await failure(router.execute(request('m'), run));
    expect(error).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(error.headers['retry-after']).toBe('5');
  });

  it('should let one probe decide whether a deployment whose cooldown ended is back', async () => {
    const { router, run, request, state, clock, script } = setup([{ id: 'a', modelName: 'm' }], {
      numRetries: 0,
    });
    await state.coolDown('a', clock.now() + 1000);
    clock.advance(1001);
    script('a', upstreamError(500), 'ok');
    await failure(router.execute(request('m'), run));
    // The probe failed: out again for the default cooldown, whatever allowed_fails says.
    expect((await state.health(['a'], clock.now()))[0]).toMatchObject({
      status: 'cooling',
      cooldownUntil: clock.now() + 5000,
    });
    clock.advance(5001);
    expect((await router.execute(request('m'), run)).value).toBe('answer from a');
    expect((await state.health(['a'], clock.now()))[0]?.status).toBe('healthy');
  });

  it('should skip deployments whose context window cannot hold the request', async () => {
    const { router, run, request, tried } = setup([
      { id: 'small', modelName: 'm', prices: { max_input_tokens: 100 } },
      { id: 'large', modelName: 'm', prices: { max_input_tokens: 100_000 } },
    ]);
    const result = await router.execute(
      request('m', { maxInputTokens: () => 5000, inputTokens: () => 4000 }),
      run,
    );
    expect(result.value).toBe('answer from large');
    expect(tried).toEqual(['large']);
  });

  it('should take the context window fallback when no deployment of the group fits', async () => {
    const { router, run, request } = setup(
      [
        { id: 'small', modelName: 'm', prices: { max_input_tokens: 100 } },
        { id: 'huge', modelName: 'long', prices: { max_input_tokens: 1_000_000 } },
      ],
      { contextWindowFallbacks: new Map([['m', ['long']]]) },
    );
    const result = await router.execute(
      request('m', { maxInputTokens: () => 5000, inputTokens: () => 4000 }),
      run,
    );
    expect(result).toMatchObject({ value: 'answer from huge', fallbacks: 1, attempts: 1 });
  });

  it('should refuse with context_length_exceeded when nothing fits and no fallback is left', async () => {
    const { router, run, request, tried } = setup([
      { id: 'small', modelName: 'm', prices: { max_input_tokens: 100 } },
    ]);
    const error = await failure(
      router.execute(request('m', { maxInputTokens: () => 5000, inputTokens: () => 4000 }), run),
    );
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded' });
    expect(tried).toEqual([]);
  });

  it('should follow context_window_fallbacks after an upstream context error', async () => {
    const { router, run, request, script } = setup(
      [
        { id: 'a', modelName: 'm' },
        { id: 'b', modelName: 'long' },
      ],
      { contextWindowFallbacks: new Map([['m', ['long']]]) },
    );
    script(
      'a',
      errorFromUpstream({
        provider: 'fake',
        status: 400,
        headers: {},
        bodyText: '',
        recognised: 'context_length_exceeded',
      }),
    );
    expect((await router.execute(request('m'), run)).value).toBe('answer from b');
  });

  it('should stop at the deadline with the deadline error', async () => {
    const { router, run, request, script } = setup([{ id: 'a', modelName: 'm' }]);
    const controller = new AbortController();
    const deadline = new TimeoutError('The request did not finish in time.', {
      code: 'upstream_timeout',
    });
    script('a', async () => {
      controller.abort(deadline);
      throw upstreamError(503);
    });
    const error = await failure(router.execute(request('m', { signal: controller.signal }), run));
    expect(error).toBe(deadline);
  });

  it('should time out an attempt that takes longer than its deployment allows', async () => {
    const { router, run, request, script, tried } = setup([
      { id: 'slow', modelName: 'm', order: 1, timeoutMs: 20 },
      { id: 'b', modelName: 'm', order: 2 },
    ]);
    script(
      'slow',
      (attempt) =>
        new Promise((_resolve, reject) => {
          attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason));
        }),
    );
    const result = await router.execute(request('m'), run);
    expect(result.value).toBe('answer from b');
    expect(tried).toEqual(['slow', 'b']);
  });
});
