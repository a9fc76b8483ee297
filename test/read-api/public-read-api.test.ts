import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProject } from '../../src/projects/project-repository.js';
import {
  dailyWrites,
  storedAt,
  traceWrites,
} from '../../src/tracing/read-api/__fixtures__/read-fixtures.js';
import type { TraceWrite } from '../../src/tracing/trace-records.js';
import { writeTraceBatch } from '../../src/tracing/trace-repository.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-read-api-master';
const projectKeys = { publicKey: 'pk-lf-read', secretKey: 'sk-lf-read-secret-123' };
const basic = `Basic ${Buffer.from(`${projectKeys.publicKey}:${projectKeys.secretKey}`).toString('base64')}`;

interface Page {
  data: { id: string }[];
  meta: { page: number; limit: number; totalItems: number; totalPages: number };
}

/** The fixtures, moved from their placeholder projects into the ones this server has. */
function inProjects(writes: TraceWrite[], projects: Record<string, string>): TraceWrite[] {
  return writes.map(
    (write) =>
      ({
        ...write,
        record: { ...write.record, projectId: projects[write.record.projectId] },
      }) as TraceWrite,
  );
}

describe('the public read API', () => {
  let sereno: TestSereno;

  beforeAll(async () => {
    sereno = await startSereno(
      `
general_settings:
  master_key: ${masterKey}
`,
      {},
      { initProject: { name: 'reads', ...projectKeys } },
    );
    const { db, defaultProjectId } = sereno.services;
    const other = await ensureProject(db, { name: 'other' }, 0);
    const daily = await ensureProject(db, { name: 'daily' }, 0);
    // Written as the fixtures say; `storedAt` is the time of the trace that names none.
    await writeTraceBatch(db, inProjects(traceWrites, { p: defaultProjectId, q: other }), storedAt);
    await writeTraceBatch(db, inProjects(dailyWrites, { p: daily }), storedAt);
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${sereno.url}${path}`, {
      headers: { authorization: basic, ...headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ids = async (path: string) =>
    ((await get(path)).body as unknown as Page).data.map((item) => item.id);

  describe('GET /api/public/traces', () => {
    it.each([
      ['', ['t5', 't4', 't3', 't2', 't1']],
      ['?userId=alice', ['t5', 't3', 't1']],
      ['?name=chat&sessionId=s1', ['t2', 't1']],
      ['?tags=a&tags=b', ['t1']],
      ['?tags=a', ['t3', 't1']],
      ['?environment=prod', ['t3', 't2']],
      ['?environment=prod&environment=default', ['t5', 't4', 't3', 't2', 't1']],
      ['?version=v2', ['t2']],
      ['?release=r1', ['t1']],
      ['?fromTimestamp=1970-01-01T00:00:02.000Z&toTimestamp=1970-01-01T00:00:04Z', ['t3', 't2']],
      ['?orderBy=timestamp.asc', ['t1', 't2', 't3', 't4', 't5']],
      ['?orderBy=name.desc', ['t3', 't5', 't4', 't2', 't1']],
    ])('should list the project’s traces for %s', async (query, expected) => {
      expect(await ids(`/api/public/traces${query}`)).toEqual(expected);
    });

    it.each([
      ['?limit=2', ['t5', 't4'], { page: 1, limit: 2, totalItems: 5, totalPages: 3 }],
      ['?limit=2&page=3', ['t1'], { page: 3, limit: 2, totalItems: 5, totalPages: 3 }],
      ['?limit=2&page=4', [], { page: 4, limit: 2, totalItems: 5, totalPages: 3 }],
      ['?userId=nobody', [], { page: 1, limit: 50, totalItems: 0, totalPages: 0 }],
    ])('should paginate %s', async (query, expected, meta) => {
      const { body } = await get(`/api/public/traces${query}`);
      const page = body as unknown as Page;
      expect(page.data.map((item) => item.id)).toEqual(expected);
      expect(page.meta).toEqual(meta);
    });

    it('should show each trace with its observation ids, score ids, latency and cost', async () => {
      const { body } = await get('/api/public/traces?version=v1');
      // o1 (1000 to 1500, 0.5 USD) and o2 (1200 to 3000, 0.25 USD): 2 s, 0.75 USD.
      expect((body as unknown as Page).data[0]).toEqual({
        id: 't1',
        projectId: sereno.services.defaultProjectId,
        timestamp: '1970-01-01T00:00:01.000Z',
        name: 'chat',
        input: { question: 'one' },
        output: { answer: 'one' },
        sessionId: 's1',
        release: 'r1',
        version: 'v1',
        userId: 'alice',
        metadata: null,
        tags: ['a', 'b'],
        public: false,
        environment: 'default',
        htmlPath: `/project/${sereno.services.defaultProjectId}/traces/t1`,
        observations: ['o1', 'o2'],
        scores: ['s-accuracy', 's-helpful'],
        totalCost: 0.75,
        latency: 2,
      });
    });

    it('should leave out the field groups `fields` does not name', async () => {
      const { body } = await get('/api/public/traces?version=v1&fields=core,scores');
      expect((body as unknown as Page).data[0]).toMatchObject({
        id: 't1',
        input: null,
        output: null,
        observations: [],
        scores: ['s-accuracy', 's-helpful'],
        totalCost: -1,
        latency: -1,
      });
    });

    it.each([
      ['limit=101', 'limit'],
      ['page=0', 'page'],
      ['limit=ten', 'limit'],
      ['fromTimestamp=yesterday', 'fromTimestamp'],
      ['orderBy=bookmarked.asc', 'orderBy'],
      ['orderBy=timestamp', 'orderBy'],
      ['fields=core,everything', 'fields[1]'],
      ['filter=%5B%5D', 'filter'],
    ])('should refuse %s with 400 naming the parameter', async (query, param) => {
      const { status, body } = await get(`/api/public/traces?${query}`);
      expect(status).toBe(400);
      expect(body.message).toContain(`'${param}'`);
    });

    it('should keep projects apart: the other project sees only its own trace', async () => {
      const headers = { authorization: `Bearer ${masterKey}`, 'x-sereno-project': 'other' };
      const { body } = await get('/api/public/traces', headers);
      expect((body as unknown as Page).data.map((item) => item.id)).toEqual(['t1']);
      expect((body as unknown as Page).meta.totalItems).toBe(1);
    });
  });

  describe('GET /api/public/observations', () => {
    it.each([
      ['?traceId=t1', ['o2', 'o1']],
      ['?type=SPAN', ['o4']],
      ['?name=embedder', ['o3']],
      ['?userId=alice', ['o5', 'o4', 'o3', 'o2', 'o1']],
      ['?userId=bob', []],
      ['?parentObservationId=o3', ['o4']],
      ['?environment=prod', ['o3']],
      ['?level=ERROR', ['o5']],
      ['?level=DEFAULT&traceId=t3', ['o4', 'o3']],
      ['?fromStartTime=1970-01-01T00:00:03.000Z', ['o5', 'o4', 'o3']],
      ['?toStartTime=1970-01-01T00:00:01.200Z', ['o1']],
      ['?limit=2&page=2', ['o3', 'o2']],
    ])('should list the project’s observations for %s', async (query, expected) => {
      expect(await ids(`/api/public/observations${query}`)).toEqual(expected);
    });

    it('should show one observation, and 404 for another project’s', async () => {
      const found = await get('/api/public/observations/o3');
      expect(found.body).toMatchObject({
        id: 'o3',
        traceId: 't3',
        type: 'EMBEDDING',
        startTime: '1970-01-01T00:00:03.000Z',
        latency: 0.1,
        environment: 'prod',
      });
      const headers = { authorization: `Bearer ${masterKey}`, 'x-sereno-project': 'other' };
      expect((await get('/api/public/observations/o3', headers)).status).toBe(404);
    });

    it('should refuse an unknown type with 400', async () => {
      expect((await get('/api/public/observations?type=THOUGHT')).status).toBe(400);
    });
  });

  describe('GET /api/public/sessions', () => {
    it('should list sessions newest first, created with their first trace', async () => {
      const { body } = await get('/api/public/sessions');
      expect(body).toEqual({
        data: [
          {
            id: 's2',
            createdAt: '1970-01-01T00:00:03.000Z',
            projectId: sereno.services.defaultProjectId,
            environment: 'prod',
          },
          {
            id: 's1',
            createdAt: '1970-01-01T00:00:01.000Z',
            projectId: sereno.services.defaultProjectId,
            environment: 'default',
          },
        ],
        meta: { page: 1, limit: 50, totalItems: 2, totalPages: 1 },
      });
    });

    it.each([
      ['?fromTimestamp=1970-01-01T00:00:02Z', ['s2']],
      ['?toTimestamp=1970-01-01T00:00:02Z', ['s1']],
      ['?environment=prod', ['s2', 's1']],
      ['?limit=1&page=2', ['s1']],
    ])('should filter sessions for %s', async (query, expected) => {
      expect(await ids(`/api/public/sessions${query}`)).toEqual(expected);
    });

    it('should show a session with its traces, oldest first', async () => {
      const { body } = await get('/api/public/sessions/s1');
      expect(body).toMatchObject({ id: 's1', environment: 'default' });
      expect((body.traces as { id: string }[]).map((trace) => trace.id)).toEqual(['t1', 't2']);
      expect((await get('/api/public/sessions/unknown')).status).toBe(404);
    });
  });

  describe('GET /api/public/scores', () => {
    it.each([
      ['', ['s-session', 's-helpful', 's-accuracy']],
      ['?name=accuracy', ['s-session', 's-accuracy']],
      ['?userId=alice', ['s-helpful', 's-accuracy']],
      ['?traceTags=b', ['s-helpful', 's-accuracy']],
      ['?sessionId=s2', ['s-session']],
      ['?operator=%3E&value=0.5', ['s-helpful', 's-accuracy']],
      ['?scoreIds=s-helpful,s-session', ['s-session', 's-helpful']],
      ['?fromTimestamp=1970-01-01T00:00:01.200Z', ['s-session', 's-helpful']],
    ])('should list the project’s scores for %s', async (query, expected) => {
      expect(await ids(`/api/public/scores${query}`)).toEqual(expected);
    });

    it('should show a score with the trace it judges', async () => {
      const { body } = await get('/api/public/scores?name=helpful');
      expect((body as unknown as Page).data[0]).toMatchObject({
        id: 's-helpful',
        value: 1,
        dataType: 'NUMERIC',
        trace: { userId: 'alice', sessionId: 's1', environment: 'default', tags: ['a', 'b'] },
      });
    });
  });

  describe('GET /api/public/metrics/daily', () => {
    const daily = (query: string) =>
      get(`/api/public/metrics/daily${query}`, {
        authorization: `Bearer ${masterKey}`,
        'x-sereno-project': 'daily',
      });

    it('should sum traces, observations, usage and cost per day and model', async () => {
      const { body } = await daily('');
      // Worked out from the fixtures: day 10 (1970-01-11) has d1 and d2; g1 and g2 of d1
      // on gpt-4o (input 100 + 50 + 30 cached = 180, output 20 + 10 + 5 reasoning = 35,
      // total 120 + 95 = 215, cost 0.003 + 0.002), g3 of d2 on claude. Day 11 has d3 and
      // g4. Day 12 has d4 and its span, and g5 of d3, which started after midnight; g5
      // names no total, so it is input + output = 10.
      expect(body).toEqual({
        data: [
          {
            date: '1970-01-13',
            countTraces: 1,
            countObservations: 2,
            totalCost: 0.0005,
            usage: [usage('gpt-4o', 7, 3, 10, 1, 1, 0.0005), usage(null, 0, 0, 0, 1, 1, 0)],
          },
          {
            date: '1970-01-12',
            countTraces: 1,
            countObservations: 1,
            totalCost: 0.0001,
            usage: [usage('embedder', 40, 0, 40, 1, 1, 0.0001)],
          },
          {
            date: '1970-01-11',
            countTraces: 2,
            countObservations: 3,
            totalCost: expect.closeTo(0.015, 12),
            usage: [
              usage('claude', 10, 5, 15, 1, 1, 0.01),
              usage('gpt-4o', 180, 35, 215, 1, 2, expect.closeTo(0.005, 12)),
            ],
          },
        ],
        meta: { page: 1, limit: 50, totalItems: 3, totalPages: 1 },
      });
    });

    it.each([
      // d1, d3, d4: day 10 loses d2 and g3.
      [
        '?userId=alice',
        [
          ['1970-01-13', 1, 2],
          ['1970-01-12', 1, 1],
          ['1970-01-11', 1, 2],
        ],
      ],
      // d1 and d3: no trace on day 12, but g5 of d3 started then.
      [
        '?tags=x',
        [
          ['1970-01-13', 0, 1],
          ['1970-01-12', 1, 1],
          ['1970-01-11', 1, 2],
        ],
      ],
      [
        '?traceName=embed',
        [
          ['1970-01-13', 0, 1],
          ['1970-01-12', 1, 1],
        ],
      ],
      [
        '?fromTimestamp=1970-01-12T00:00:00Z',
        [
          ['1970-01-13', 1, 2],
          ['1970-01-12', 1, 1],
        ],
      ],
      ['?toTimestamp=1970-01-12T00:00:00Z', [['1970-01-11', 2, 3]]],
      ['?limit=2&page=2', [['1970-01-11', 2, 3]]],
    ])('should count days for %s', async (query, expected) => {
      const { body } = await daily(query);
      const days = (
        body.data as { date: string; countTraces: number; countObservations: number }[]
      ).map((day) => [day.date, day.countTraces, day.countObservations]);
      expect(days).toEqual(expected);
    });
  });
});

function usage(
  model: string | null,
  inputUsage: number,
  outputUsage: number,
  totalUsage: number,
  countTraces: number,
  countObservations: number,
  totalCost: unknown,
) {
  return { model, inputUsage, outputUsage, totalUsage, countTraces, countObservations, totalCost };
}
