import { describe, expect, it } from 'vitest';
import { MemoryRouterState } from './memory-router-state.js';

const t0 = Date.parse('2026-01-01T00:00:10Z');

describe('MemoryRouterState', () => {
  it('should report a cooldown until it ends, then let exactly one probe in', async () => {
    const state = new MemoryRouterState();
    await state.coolDown('a', t0 + 5000);
    expect((await state.health(['a'], t0))[0]).toMatchObject({
      status: 'cooling',
      cooldownUntil: t0 + 5000,
    });

    const later = t0 + 5001;
    expect((await state.health(['a'], later))[0]?.status).toBe('probe-ready');
    expect(await state.tryStartProbe('a', later)).toBe(true);
    expect(await state.tryStartProbe('a', later)).toBe(false);
    expect((await state.health(['a'], later))[0]?.status).toBe('probing');

    await state.endProbe('a', true);
    expect((await state.health(['a'], later))[0]?.status).toBe('healthy');
  });

  it('should keep a deployment out after a failed probe until it is cooled again', async () => {
    const state = new MemoryRouterState();
    await state.coolDown('a', t0 + 1000);
    await state.tryStartProbe('a', t0 + 2000);
    await state.endProbe('a', false);
    expect((await state.health(['a'], t0 + 2000))[0]?.status).toBe('probe-ready');
  });

  it('should never shorten a running cooldown', async () => {
    const state = new MemoryRouterState();
    await state.coolDown('a', t0 + 5000);
    await state.coolDown('a', t0 + 1000);
    expect((await state.health(['a'], t0))[0]?.cooldownUntil).toBe(t0 + 5000);
  });

  it('should count failures within the window only', async () => {
    const state = new MemoryRouterState();
    expect(await state.recordFailure('a', t0, 60_000)).toBe(1);
    expect(await state.recordFailure('a', t0 + 30_000, 60_000)).toBe(2);
    expect(await state.recordFailure('a', t0 + 61_000, 60_000)).toBe(2);
  });

  it('should count requests and tokens per minute and in-flight attempts', async () => {
    const state = new MemoryRouterState();
    await state.beginAttempt('a', t0);
    await state.beginAttempt('a', t0);
    await state.endAttempt('a', { success: true, latencyMs: 100 }, t0);
    await state.addTokens('a', 50, t0);
    expect((await state.health(['a'], t0))[0]).toMatchObject({
      inFlight: 1,
      requestsThisMinute: 2,
      tokensThisMinute: 50,
      latencyMs: 100,
    });
    expect((await state.health(['a'], t0 + 60_000))[0]).toMatchObject({
      requestsThisMinute: 0,
      tokensThisMinute: 0,
    });
  });
});
