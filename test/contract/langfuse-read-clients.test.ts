import { LangfuseClient } from '@langfuse/client';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedAt, traceWrites } from '../../src/tracing/read-api/__fixtures__/read-fixtures.js';
import type { TraceWrite } from '../../src/tracing/trace-records.js';
import { writeTraceBatch } from '../../src/tracing/trace-repository.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const keys = { publicKey: 'pk-lf-clients', secretKey: 'sk-lf-clients-secret-123' };

/**
 * The read API through the Langfuse SDKs as applications call it: @langfuse/client 5's
 * generated API client, and langfuse 3's fetch helpers. They send the key pair as Basic
 * auth, repeat `tags` for a list, and read `data` and `meta` back.
 */
describe('the read API through the Langfuse SDKs', () => {
  let sereno: TestSereno;
  let client: LangfuseClient;
  let legacy: Langfuse;

  beforeAll(async () => {
    sereno = await startSereno('{}', {}, { initProject: { name: 'clients', ...keys } });
    const projectId = sereno.services.defaultProjectId;
    const own = traceWrites
      .filter((write) => write.record.projectId === 'p')
      .map((write) => ({ ...write, record: { ...write.record, projectId } }) as TraceWrite);
    await writeTraceBatch(sereno.services.db, own, storedAt);
    client = new LangfuseClient({ ...keys, baseUrl: sereno.url });
    legacy = new Langfuse({ ...keys, baseUrl: sereno.url });
  });

  afterAll(async () => {
    await legacy?.shutdownAsync();
    await sereno?.stop();
  });

  it('should list traces with @langfuse/client, every tag given matching', async () => {
    const page = await client.api.trace.list({ userId: 'alice', tags: ['a'], limit: 1 });
    expect(page.data.map((trace) => trace.id)).toEqual(['t3']);
    expect(page.meta).toEqual({ page: 1, limit: 1, totalItems: 2, totalPages: 2 });
    expect((await client.api.trace.list({ tags: ['a', 'b'] })).data[0]).toMatchObject({
      id: 't1',
      observations: ['o1', 'o2'],
      totalCost: 0.75,
    });
  });

  it('should read observations and sessions with @langfuse/client', async () => {
    const observations = await client.api.legacy.observationsV1.getMany({ traceId: 't1' });
    expect(observations.data.map((observation) => observation.id)).toEqual(['o2', 'o1']);
    expect(await client.api.legacy.observationsV1.get('o3')).toMatchObject({ name: 'embedder' });
    const sessions = await client.api.sessions.list({ fromTimestamp: '1970-01-01T00:00:02Z' });
    expect(sessions.data.map((session) => session.id)).toEqual(['s2']);
    const session = await client.api.sessions.get('s1');
    expect(session.traces.map((trace) => trace.id)).toEqual(['t1', 't2']);
  });

  it('should read traces, observations and sessions with langfuse 3', async () => {
    const traces = await legacy.fetchTraces({ name: 'chat', limit: 2, page: 2 });
    expect(traces.data.map((trace) => trace.id)).toEqual(['t2', 't1']);
    expect(traces.meta.totalItems).toBe(4);
    const observations = await legacy.fetchObservations({ type: 'SPAN' });
    expect(observations.data.map((observation) => observation.id)).toEqual(['o4']);
    const sessions = await legacy.fetchSessions();
    expect(sessions.data.map((session) => session.id)).toEqual(['s2', 's1']);
  });
});
