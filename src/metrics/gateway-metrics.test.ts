import { describe, expect, it } from 'vitest';
import { makeDeployment } from '../../test/helpers/make-deployment.js';
import type { CallSummary } from '../gateway/call-recorder.js';
import { ModelRegistry } from '../models/model-registry.js';
import { MemoryRouterState } from '../router/memory-router-state.js';
import { CountingRouterState } from './counting-router-state.js';
import { GatewayMetrics } from './gateway-metrics.js';

const primary = makeDeployment({ id: 'primary-1', modelName: 'primary' });
const backup = makeDeployment({ id: 'backup-1', modelName: 'backup' });
const now = 1_000_000;

function setUp() {
  const stats = { queued: 3, written: 40, refused: 2, failedBatches: 1 };
  const state = new MemoryRouterState();
  const metrics = new GatewayMetrics({
    models: new ModelRegistry([primary, backup]),
    routerState: () => state,
    traceWriter: { stats: () => stats },
    clock: { now: () => now, sleep: async () => undefined },
  });
  return { metrics, state };
}

/** The sample lines of the exposition, without comments. */
async function samples(metrics: GatewayMetrics): Promise<string[]> {
  return (await metrics.render()).split('\n').filter((line) => line && !line.startsWith('#'));
}

const fallbackCall: CallSummary = {
  model: 'primary',
  attempts: [
    { deployment: primary, modelGroup: 'primary', failed: true },
    { deployment: backup, modelGroup: 'backup', failed: false },
  ],
  durationMs: 1500,
  timeToFirstTokenMs: 300,
  usage: {
    inputTokens: 100,
    cacheReadTokens: 20,
    cacheWriteTokens: 5,
    outputTokens: 40,
    reasoningTokens: 10,
  },
  cost: { details: {}, total: 0.0125, priced: true },
  error: undefined,
};

describe('GatewayMetrics', () => {
  it.each([
    'sereno_attempts_total{model="primary",deployment="primary-1",outcome="failure"} 1',
    'sereno_attempts_total{model="backup",deployment="backup-1",outcome="success"} 1',
    'sereno_fallbacks_total{model="primary"} 1',
    'sereno_tokens_total{model="backup",deployment="backup-1",type="input"} 100',
    'sereno_tokens_total{model="backup",deployment="backup-1",type="cached"} 20',
    'sereno_tokens_total{model="backup",deployment="backup-1",type="cache_write"} 5',
    'sereno_tokens_total{model="backup",deployment="backup-1",type="output"} 40',
    'sereno_cost_usd_total{model="backup",deployment="backup-1"} 0.0125',
    'sereno_request_duration_seconds_bucket{le="2.5",model="backup",deployment="backup-1"} 1',
    'sereno_request_duration_seconds_bucket{le="1",model="backup",deployment="backup-1"} 0',
    'sereno_request_duration_seconds_sum{model="backup",deployment="backup-1"} 1.5',
    'sereno_time_to_first_token_seconds_sum{model="backup",deployment="backup-1"} 0.3',
  ])('should count a call that fell back: %s', async (line) => {
    const { metrics } = setUp();
    metrics.observeCall(fallbackCall);
    expect(await samples(metrics)).toContain(line);
  });

  it.each([
    [
      { route: '/v1/chat/completions', status: 200, model: 'backup', errorCode: undefined },
      'sereno_requests_total{route="/v1/chat/completions",status="200",model="backup"} 1',
    ],
    [
      { route: '/v1/chat/completions', status: 404, model: 'a-user-made-this-up', errorCode: 'x' },
      'sereno_requests_total{route="/v1/chat/completions",status="404",model="unknown"} 1',
    ],
    [
      { route: 'unmatched', status: 404, model: undefined, errorCode: 'not_found' },
      'sereno_errors_total{code="not_found"} 1',
    ],
  ])('should count request %o without unbounded labels', async (request, line) => {
    const { metrics } = setUp();
    metrics.observeRequest(request);
    expect(await samples(metrics)).toContain(line);
  });

  it('should read the trace writer and the cooling deployments at scrape time', async () => {
    const { metrics, state } = setUp();
    await state.coolDown('primary-1', now + 60_000);
    const lines = await samples(metrics);
    expect(lines).toEqual(
      expect.arrayContaining([
        'sereno_deployments_cooling 1',
        'sereno_trace_queue_depth 3',
        'sereno_trace_writes_total 40',
        'sereno_trace_writes_refused_total 2',
        'sereno_trace_batches_failed_total 1',
      ]),
    );
  });

  it('should keep the counts of two servers apart', async () => {
    const first = setUp().metrics;
    const second = setUp().metrics;
    first.observeCooldown('primary-1');
    expect(await samples(first)).toContain(
      'sereno_cooldowns_started_total{deployment="primary-1"} 1',
    );
    expect((await samples(second)).join('\n')).not.toContain('sereno_cooldowns_started_total{');
  });
});

describe('CountingRouterState', () => {
  it('should tell a cooldown that starts, not one that only runs longer', async () => {
    const started: string[] = [];
    const state = new CountingRouterState(
      new MemoryRouterState(),
      { now: () => now, sleep: async () => undefined },
      (id) => started.push(id),
    );
    await state.coolDown('primary-1', now + 5_000);
    await state.coolDown('primary-1', now + 10_000);
    await state.coolDown('backup-1', now + 5_000);
    expect(started).toEqual(['primary-1', 'backup-1']);
    expect((await state.health(['primary-1'], now))[0]?.cooldownUntil).toBe(now + 10_000);
  });
});
