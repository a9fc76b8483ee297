import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SerenoDatabase } from '../../store/open-database.js';
import { writeTraceBatch } from '../trace-repository.js';
import { storedAt, traceWrites } from './__fixtures__/read-fixtures.js';
import { loadTraceAggregates } from './trace-aggregates.js';
import type { TraceFilter } from './trace-conditions.js';
import { listTraces, type TraceListOptions } from './trace-list.js';

describe('listTraces', () => {
  let dataDir: string;
  let db: SerenoDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-trace-list-'));
    db = await openSqliteDatabase(dataDir);
    await writeTraceBatch(db, traceWrites, storedAt);
  });

  afterAll(async () => {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const list = (overrides: Partial<TraceListOptions>) =>
    listTraces(db, 'p', {
      page: 1,
      limit: 50,
      filter: {},
      order: { field: 'timestamp', direction: 'desc' },
      withBodies: true,
      ...overrides,
    });

  it.each<[string, TraceFilter, string[]]>([
    ['no filter, newest first', {}, ['t5', 't4', 't3', 't2', 't1']],
    ['a user', { userId: 'alice' }, ['t5', 't3', 't1']],
    ['a name', { name: 'chat' }, ['t5', 't4', 't2', 't1']],
    ['a session', { sessionId: 's1' }, ['t2', 't1']],
    ['one tag, case-sensitive and never inside another tag', { tags: ['a'] }, ['t3', 't1']],
    ['every tag given', { tags: ['a', 'b'] }, ['t1']],
    ['a tag holding a comma', { tags: ['a,b'] }, ['t5']],
    ['a tag holding a quote', { tags: ['x","a'] }, ['t5']],
    ['a tag no trace has', { tags: ['zzz'] }, []],
    ['the default environment, stored as none', { environment: ['default'] }, ['t5', 't4', 't1']],
    ['a named environment', { environment: ['prod'] }, ['t3', 't2']],
    [
      'either of two environments',
      { environment: ['prod', 'default'] },
      ['t5', 't4', 't3', 't2', 't1'],
    ],
    ['a version', { version: 'v1' }, ['t1']],
    ['a release', { release: 'r2' }, ['t3']],
    [
      'a time range, from inclusive, to exclusive',
      { fromTimestamp: 2000, toTimestamp: 4000 },
      ['t3', 't2'],
    ],
    ['a time reached through the stored time', { fromTimestamp: 4000, toTimestamp: 4001 }, ['t4']],
    ['several filters at once', { userId: 'alice', tags: ['a'], fromTimestamp: 2000 }, ['t3']],
  ])('should list %s', async (_name, filter, expected) => {
    const page = await list({ filter });
    expect(page.rows.map((row) => row.id)).toEqual(expected);
    expect(page.totalItems).toBe(expected.length);
  });

  it.each([
    [1, ['t5', 't4']],
    [2, ['t3', 't2']],
    [3, ['t1']],
    [4, []],
  ])('should cut page %i of two traces from five', async (page, expected) => {
    const result = await list({ page, limit: 2 });
    expect(result.rows.map((row) => row.id)).toEqual(expected);
    expect(result.totalItems).toBe(5);
  });

  it.each<[TraceListOptions['order'], string[]]>([
    [{ field: 'timestamp', direction: 'asc' }, ['t1', 't2', 't3', 't4', 't5']],
    [{ field: 'name', direction: 'asc' }, ['t1', 't2', 't4', 't5', 't3']],
    [{ field: 'userId', direction: 'desc' }, ['t4', 't2', 't5', 't3', 't1']],
    [{ field: 'id', direction: 'desc' }, ['t5', 't4', 't3', 't2', 't1']],
  ])('should order by %o', async (order, expected) => {
    expect((await list({ order })).rows.map((row) => row.id)).toEqual(expected);
  });

  it('should leave bodies unread when asked to', async () => {
    const [row] = (await list({ filter: { version: 'v1' }, withBodies: false })).rows;
    expect(row).toMatchObject({ id: 't1', input: null, output: null, metadata: null });
    expect(row?.tags).toBe('["a","b"]');
  });

  it('should sum each trace’s observations and scores in one query for the page', async () => {
    const page = await list({ filter: { sessionId: 's1' } });
    const aggregates = await loadTraceAggregates(db, 'p', page.rows);

    // t1: o1 from 1000 to 1500 costs 0.5, o2 from 1200 to 3000 costs 0.25:
    // latency (3000 - 1000) / 1000 = 2 s, cost 0.75. t2 has nothing: 0 s, 0 USD.
    expect(aggregates.get('t1')).toEqual({
      observationIds: ['o1', 'o2'],
      scoreIds: ['s-accuracy', 's-helpful'],
      totalCost: 0.75,
      latency: 2,
    });
    expect(aggregates.get('t2')).toEqual({
      observationIds: [],
      scoreIds: [],
      totalCost: 0,
      latency: 0,
    });
  });
});
