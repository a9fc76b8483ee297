import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/server/start-server.js';
import {
  openAiCompletion,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';
import { basicAuth, event, postBatch, readTrace } from './ingestion-batches.js';
import { spawnSereno } from './sereno-process.js';

const keys = { name: 'app', publicKey: 'pk-lf-ingest', secretKey: 'sk-lf-ingest-secret-1' };
const auth = basicAuth(keys.publicKey, keys.secretKey);

describe('POST /api/public/ingestion', () => {
  let sereno: TestSereno;

  beforeAll(async () => {
    sereno = await startSereno(
      'general_settings:\n  master_key: sk-ingest-master\n',
      {},
      { initProject: keys },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  it('should answer 207 with a success per event and store each kind', async () => {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const batch = [
      event('trace-create', { id: traceId, name: 'checkout', userId: 'u-1', tags: ['a'] }),
      event('span-create', { id: spanId, traceId, name: 'retrieve' }),
      event('generation-create', {
        id: randomUUID(),
        traceId,
        parentObservationId: spanId,
        model: 'gpt-4o',
        usageDetails: { input: 10, output: 5 },
      }),
      event('event-create', { traceId, name: 'cache-miss', parentObservationId: spanId }),
      event('score-create', { traceId, name: 'quality', value: 0.75 }),
      event('sdk-log', { log: { message: 'flushed' } }),
    ];

    const answer = await postBatch(sereno.url, auth, { batch, metadata: { sdk: 'test' } });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(answer.status).toBe(207);
    expect(answer.body).toEqual({
      successes: batch.map(({ id }) => ({ id, status: 201 })),
      errors: [],
    });
    expect(trace).toMatchObject({ name: 'checkout', userId: 'u-1', tags: ['a'] });
    expect(trace.observations.map((o) => o.type).sort()).toEqual(['EVENT', 'GENERATION', 'SPAN']);
    expect(trace.scores).toMatchObject([{ name: 'quality', value: 0.75, dataType: 'NUMERIC' }]);
  });

  it.each([
    ['a body that is not an object', '[1, 2]'],
    ['a body without a batch', { events: [] }],
    ['a batch that is not a list', { batch: { id: 'x' } }],
  ])('should refuse %s with 400 in Langfuse’s envelope', async (_name, body) => {
    const answer = await postBatch(sereno.url, auth, body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('should report each malformed event alone and keep the rest of the batch', async () => {
    const traceId = randomUUID();
    const good = event('trace-create', { id: traceId, name: 'kept' });
    const batch = [
      'not an event',
      { type: 'trace-create', timestamp: new Date().toISOString(), body: {} },
      { ...event('trace-create', { id: randomUUID() }), timestamp: 'yesterday' },
      event('span-create', { id: randomUUID(), traceId, level: 'LOUD' }),
      event('score-create', { traceId, name: 'flag', value: 2, dataType: 'BOOLEAN' }),
      event('span-update', { traceId, name: 'no id' }),
      good,
    ];

    const answer = await postBatch(sereno.url, auth, { batch });

    expect(answer.status).toBe(207);
    expect(answer.body.successes).toEqual([{ id: good.id, status: 201 }]);
    expect(answer.body.errors.map((error) => [error.status, error.error])).toEqual(
      Array.from({ length: 6 }, () => [400, 'invalid_request']),
    );
    expect(answer.body.errors[0]?.id).toBe('batch[0]');
    expect(answer.body.errors[3]?.message).toMatch(/level/);
    expect((await readTrace(sereno.url, auth, traceId)).trace.name).toBe('kept');
  });

  it('should refuse an event of an unknown type by its id', async () => {
    const unknown = event('dataset-item-create', { id: randomUUID() });

    const answer = await postBatch(sereno.url, auth, { batch: [unknown] });

    expect(answer.body.errors).toEqual([
      {
        id: unknown.id,
        status: 400,
        error: 'unsupported_event_type',
        message: 'Unknown event type "dataset-item-create".',
      },
    ]);
  });

  it('should refuse an oversize event with 413 and store the small one beside it', async () => {
    const traceId = randomUUID();
    const huge = event('trace-create', { id: randomUUID(), input: 'x'.repeat(1_100_000) });
    const small = event('trace-create', { id: traceId, name: 'small' });

    const answer = await postBatch(sereno.url, auth, { batch: [huge, small] });

    expect(answer.body.successes).toEqual([{ id: small.id, status: 201 }]);
    expect(answer.body.errors).toMatchObject([
      { id: huge.id, status: 413, error: 'event_too_large' },
    ]);
    expect((await readTrace(sereno.url, auth, huge.body.id as string)).status).toBe(404);
  });

  it('should keep a replayed batch from changing or duplicating anything', async () => {
    const traceId = randomUUID();
    const first = [
      event('trace-create', { id: traceId, name: 'first name' }),
      event('event-create', { traceId, name: 'tick' }),
      event('score-create', { traceId, name: 'rating', value: 3 }),
    ];
    const rename = [event('trace-create', { id: traceId, name: 'second name' })];

    await postBatch(sereno.url, auth, { batch: first });
    await postBatch(sereno.url, auth, { batch: rename });
    const before = (await readTrace(sereno.url, auth, traceId)).trace;
    const replay = await postBatch(sereno.url, auth, { batch: first });
    const after = (await readTrace(sereno.url, auth, traceId)).trace;

    expect(replay.body.successes.map(({ id }) => id)).toEqual(first.map(({ id }) => id));
    expect(after).toEqual(before);
    expect(after.name).toBe('second name');
    expect([after.observations.length, after.scores.length]).toEqual([1, 1]);
  });

  it('should apply an event carried twice in one batch once', async () => {
    const traceId = randomUUID();
    const tick = event('event-create', { traceId, name: 'tick' });

    const answer = await postBatch(sereno.url, auth, { batch: [tick, tick] });

    expect(answer.body.successes).toHaveLength(2);
    expect((await readTrace(sereno.url, auth, traceId)).trace.observations).toHaveLength(1);
  });

  it('should merge an update sent before its create, across batches and within one', async () => {
    const traceId = randomUUID();
    const [early, late] = [randomUUID(), randomUUID()];
    const update = (id: string) =>
      event('generation-update', {
        id,
        traceId,
        output: 'done',
        endTime: '2026-03-01T10:00:02.000Z',
        usageDetails: { input: 7, output: 3 },
      });
    const create = (id: string) =>
      event('generation-create', {
        id,
        traceId,
        name: 'answer',
        input: 'question',
        model: 'my-model',
        startTime: '2026-03-01T10:00:00.000Z',
      });

    await postBatch(sereno.url, auth, { batch: [update(early)] });
    await postBatch(sereno.url, auth, { batch: [create(early), update(late), create(late)] });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    for (const id of [early, late]) {
      expect(trace.observations.find((o) => o.id === id)).toMatchObject({
        type: 'GENERATION',
        name: 'answer',
        input: 'question',
        output: 'done',
        model: 'my-model',
        startTime: '2026-03-01T10:00:00.000Z',
        endTime: '2026-03-01T10:00:02.000Z',
        usageDetails: { input: 7, output: 3, total: 10 },
      });
    }
  });

  it('should take the newer observation types and the legacy observation events', async () => {
    const traceId = randomUUID();
    const agentId = randomUUID();
    const legacyId = randomUUID();
    const newer = ['agent', 'tool', 'chain', 'retriever', 'embedding', 'evaluator', 'guardrail'];
    const batch = [
      ...newer.map((type) =>
        event(`${type}-create`, {
          id: type === 'agent' ? agentId : randomUUID(),
          traceId,
          name: type,
        }),
      ),
      event('span-update', { id: agentId, traceId, output: 'planned' }),
      event('observation-create', { id: legacyId, traceId, type: 'GENERATION', name: 'old' }),
      event('observation-update', { id: legacyId, traceId, type: 'GENERATION', output: 'x' }),
    ];

    const answer = await postBatch(sereno.url, auth, { batch });
    const { trace } = await readTrace(sereno.url, auth, traceId);
    const typeOf = (name: string) => trace.observations.find((o) => o.name === name)?.type;

    expect(answer.body.errors).toEqual([]);
    expect(newer.map(typeOf)).toEqual(newer.map((type) => type.toUpperCase()));
    expect(trace.observations.find((o) => o.id === agentId)?.output).toBe('planned');
    expect(trace.observations.find((o) => o.id === legacyId)).toMatchObject({
      type: 'GENERATION',
      output: 'x',
    });
  });

  it('should refuse an update of an observation no event or store gives a trace', async () => {
    const orphan = event('span-update', { id: randomUUID(), output: 'lost' });

    const answer = await postBatch(sereno.url, auth, { batch: [orphan] });

    expect(answer.body.errors).toMatchObject([
      { id: orphan.id, status: 400, error: 'invalid_request' },
    ]);
  });

  it('should store media references as they are', async () => {
    const traceId = randomUUID();
    const reference = '@@@langfuseMedia:type=image/png|id=abc-123|source=base64_data_uri@@@';
    const input = [
      { role: 'user', content: [{ type: 'image_url', image_url: { url: reference } }] },
    ];

    await postBatch(sereno.url, auth, {
      batch: [event('trace-create', { id: traceId, input, output: `see ${reference}` })],
    });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect([trace.input, trace.output]).toEqual([input, `see ${reference}`]);
  });
});

describe('ingestion with a full trace queue', () => {
  it('should answer 429 with Retry-After and store nothing of the batch', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sereno-queue-'));
    const config = parseConfig('model_list: []\n', {
      environment: {},
      overrides: { host: '127.0.0.1', port: 0, dataDir },
    });
    config.logLevel = 'silent';
    const server = await startServer(config, { initProject: keys, traceQueueSize: 2 });
    const traceId = randomUUID();

    const answer = await postBatch(server.url, auth, {
      batch: [
        event('trace-create', { id: traceId }),
        event('span-create', { traceId, id: randomUUID() }),
      ],
    });
    const read = await readTrace(server.url, auth, traceId);
    await server.close();
    await rm(dataDir, { recursive: true, force: true });

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toMatchObject({ error: 'trace_queue_full' });
    expect(read.status).toBe(404);
  });
});

/** Two-core machines start `tsx` slowly: these tests spawn Sereno and wait for it. */
describe('a Sereno process', () => {
  let dataDir: string;
  let configPath: string;
  let upstream: FakeOpenAi;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-process-'));
    configPath = join(dataDir, 'sereno.yaml');
    await writeFile(
      configPath,
      `model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-upstream-key-0123456789
general_settings:
  master_key: sk-process-master
init_project:
  name: ${keys.name}
  public_key: ${keys.publicKey}
  secret_key: ${keys.secretKey}
`,
    );
  });

  afterAll(async () => {
    await upstream?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should keep every acknowledged event through a SIGKILL right after the answer', async () => {
    const traceId = randomUUID();
    const spanId = randomUUID();
    const batch = [
      event('trace-create', { id: traceId, name: 'before-kill', userId: 'u-1' }),
      event('span-create', { id: spanId, traceId, name: 'step' }),
      event('generation-create', {
        traceId,
        parentObservationId: spanId,
        name: 'call',
        model: 'gpt-4o',
        usageDetails: { input: 1000, output: 100 },
      }),
      event('score-create', { traceId, name: 'ok', value: 1 }),
    ];
    const first = await spawnSereno(configPath, dataDir);

    const answer = await postBatch(first.url, auth, { batch });
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawnSereno(configPath, dataDir);
    const { trace } = await readTrace(second.url, auth, traceId);
    await postBatch(second.url, auth, {
      batch: [event('trace-create', { id: traceId, name: 'renamed' })],
    });
    const replay = await postBatch(second.url, auth, { batch });
    const afterReplay = (await readTrace(second.url, auth, traceId)).trace;
    second.child.kill('SIGTERM');
    await second.exited;

    expect(answer.status).toBe(207);
    expect(answer.body.successes).toHaveLength(4);
    expect(trace).toMatchObject({ name: 'before-kill', userId: 'u-1' });
    expect(trace.observations.map((o) => o.name).sort()).toEqual(['call', 'step']);
    // 1,000 × $0.0000025 + 100 × $0.00001 = $0.0035
    expect(trace.totalCost).toBeCloseTo(0.0035, 12);
    expect(trace.scores).toHaveLength(1);
    expect(replay.body.successes).toHaveLength(4);
    expect(afterReplay.name).toBe('renamed');
    expect(afterReplay.observations).toHaveLength(2);
  }, 60_000);

  it('should write the queued gateway traces before it exits on SIGTERM', async () => {
    const running = await spawnSereno(configPath, dataDir);
    const calls = Array.from({ length: 5 }, async () => {
      upstream.enqueue({ kind: 'json', body: openAiCompletion({ content: 'ok' }) });
      const response = await fetch(`${running.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      return response.headers.get('x-request-id') ?? '';
    });
    const requestIds = await Promise.all(calls);

    running.child.kill('SIGTERM');
    const exit = await running.exited;
    const db = new Database(join(dataDir, 'sereno.db'), { readonly: true });
    const stored = db
      .prepare(
        `select count(*) as count from traces where id in (${requestIds.map(() => '?').join(',')})`,
      )
      .get(...requestIds) as { count: number };
    db.close();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(running.lines.some((line) => line.includes('writing queued traces'))).toBe(true);
    expect(stored.count).toBe(5);
  }, 60_000);
});
