import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SerenoDatabase } from '../../store/open-database.js';
import { observationsPerModelDayQuery, tracesPerDayQuery } from './daily-metrics.js';
import { observationListQuery, type ObservationListQuery } from './observation-list.js';
import { pageObservationsQuery, pageScoresQuery } from './trace-aggregates.js';
import { traceConditions, type TraceFilter } from './trace-conditions.js';
import { traceCountQuery, traceListQuery } from './trace-list.js';

/**
 * The list queries must read their page through an index that holds both the filter and
 * the order: on a million rows, a scan or a sort of the whole project is what makes a
 * list slow. SQLite's EXPLAIN QUERY PLAN says which index it takes.
 */
describe('the plans of the list queries', () => {
  let dataDir: string;
  let db: SerenoDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-plans-'));
    db = await openSqliteDatabase(dataDir);
  });

  afterAll(async () => {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const plan = async (query: { compile(): CompiledQuery }): Promise<string> => {
    const compiled = query.compile();
    const result = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
    );
    return result.rows.map((row) => row.detail).join('\n');
  };

  const page = { page: 3, limit: 50 };

  it.each<[string, TraceFilter, string]>([
    ['no filter', {}, 'traces_project_time'],
    ['a time range', { fromTimestamp: 1, toTimestamp: 2 }, 'traces_project_time'],
    ['a user', { userId: 'u' }, 'traces_project_user_time'],
    ['a user and a time', { userId: 'u', fromTimestamp: 1 }, 'traces_project_user_time'],
    ['a session', { sessionId: 's' }, 'traces_project_session_time'],
    ['a name', { name: 'n' }, 'traces_project_name_time'],
  ])('should page traces for %s through %s, unsorted', async (_name, filter, index) => {
    const listed = await plan(
      traceListQuery(db, 'p', {
        ...page,
        filter,
        order: { field: 'timestamp', direction: 'desc' },
        withBodies: true,
      }),
    );
    expect(listed).toContain(`USING INDEX ${index} (project_id=?`);
    expect(listed).not.toContain('TEMP B-TREE');
    expect(await plan(traceCountQuery(db, 'p', filter))).toMatch(/USING (COVERING )?INDEX/);
  });

  it.each<[string, ObservationListQuery, string]>([
    ['no filter', { ...page }, 'observations_project_time'],
    ['a type', { ...page, type: 'GENERATION' }, 'observations_project_type_time'],
    ['a name', { ...page, name: 'n' }, 'observations_project_name_time'],
    ['a trace', { ...page, traceId: 't' }, 'observations_project_trace_time'],
    ['a parent', { ...page, parentObservationId: 'o' }, 'observations_project_parent_time'],
    ['a start time', { ...page, fromStartTime: 1 }, 'observations_project_time'],
  ])('should page observations for %s through %s, unsorted', async (_name, query, index) => {
    const listed = await plan(observationListQuery(db, 'p', { ...page, ...query }));
    expect(listed).toContain(`USING INDEX ${index} (project_id=?`);
    expect(listed).not.toContain('TEMP B-TREE');
  });

  it('should reach a user’s observations through the user’s traces', async () => {
    const listed = await plan(observationListQuery(db, 'p', { ...page, userId: 'u' }));
    expect(listed.split('\n').slice(0, 2)).toEqual([
      'SEARCH traces USING COVERING INDEX traces_project_user_time (project_id=? AND user_id=?)',
      'SEARCH observations USING INDEX observations_project_trace_time (project_id=? AND trace_id=?)',
    ]);
  });

  it.each<[string, string, TraceFilter]>([
    ['no filter', 'traces_project_time', {}],
    ['a user', 'traces_project_user_time', { userId: 'u' }],
    ['a time range', 'traces_project_time', { fromTimestamp: 1, toTimestamp: 2 }],
  ])('should sum daily metrics for %s from the traces through %s', async (_name, index, filter) => {
    const conditions = traceConditions('p', filter);
    expect(await plan(tracesPerDayQuery(db, conditions))).toContain(
      `USING COVERING INDEX ${index} (project_id=?`,
    );
    const observations = await plan(observationsPerModelDayQuery(db, conditions));
    expect(observations).toMatch(new RegExp(`SEARCH traces USING (COVERING )?INDEX ${index} `));
    expect(observations).toContain(
      'SEARCH observations USING INDEX observations_project_trace_time',
    );
    expect(observations.indexOf('SEARCH traces')).toBeLessThan(
      observations.indexOf('SEARCH observations'),
    );
  });

  it('should count traces of an environment or with tags from the time index alone', async () => {
    const filter = { environment: ['prod'], tags: ['a'] };
    expect(await plan(traceCountQuery(db, 'p', filter))).toContain(
      'USING COVERING INDEX traces_project_time (project_id=?)',
    );
  });

  it('should read a page’s observations and scores through their trace indexes', async () => {
    const ids = ['t1', 't2', 't3'];
    expect(await plan(pageObservationsQuery(db, 'p', ids))).toContain(
      'USING INDEX observations_project_trace_time (project_id=? AND trace_id=?)',
    );
    expect(await plan(pageScoresQuery(db, 'p', ids))).toContain(
      'USING INDEX scores_project_trace_timestamp (project_id=? AND trace_id=?)',
    );
  });
});
