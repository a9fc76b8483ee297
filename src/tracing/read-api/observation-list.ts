import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/database-schema.js';
import type { SerenoDatabase } from '../../store/open-database.js';
import { observationTypes } from '../trace-records.js';
import type { ObservationRow } from '../trace-repository.js';
import { inEnvironments } from './environment-filter.js';
import {
  isoTime,
  listQueryFields,
  offsetOf,
  repeatable,
  type Pagination,
} from './list-query-fields.js';
import { observationTime } from './row-time.js';

/** `GET /api/public/observations` query parameters. */
export const observationListQuerySchema = z
  .object({
    ...listQueryFields,
    name: z.string().optional(),
    userId: z.string().optional(),
    type: z.enum(observationTypes).optional(),
    traceId: z.string().optional(),
    level: z.enum(['DEBUG', 'DEFAULT', 'WARNING', 'ERROR']).optional(),
    parentObservationId: z.string().optional(),
    environment: repeatable.optional(),
    fromStartTime: isoTime.optional(),
    toStartTime: isoTime.optional(),
    version: z.string().optional(),
  })
  .loose();

export type ObservationListQuery = z.infer<typeof observationListQuerySchema>;

const equalityColumns = {
  name: 'observations.name',
  type: 'observations.type',
  traceId: 'observations.trace_id',
  parentObservationId: 'observations.parent_observation_id',
  version: 'observations.version',
} as const;

function observationConditions(projectId: string, query: ObservationListQuery) {
  const conditions = [sql<boolean>`${sql.ref('observations.project_id')} = ${projectId}`];
  for (const [field, column] of Object.entries(equalityColumns)) {
    const value = query[field as keyof typeof equalityColumns];
    if (value !== undefined) conditions.push(sql<boolean>`${sql.ref(column)} = ${value}`);
  }
  if (query.level !== undefined) conditions.push(levelIs(query.level));
  if (query.fromStartTime !== undefined) {
    conditions.push(sql<boolean>`${observationTime} >= ${query.fromStartTime}`);
  }
  if (query.toStartTime !== undefined) {
    conditions.push(sql<boolean>`${observationTime} < ${query.toStartTime}`);
  }
  if (query.environment?.length) {
    conditions.push(inEnvironments('observations.environment', query.environment));
  }
  return conditions;
}

/** A row stored without a level is at DEFAULT, as the views show it. */
function levelIs(level: string): RawBuilder<boolean> {
  const column = sql.ref('observations.level');
  if (level !== 'DEFAULT') return sql<boolean>`${column} = ${level}`;
  return sql<boolean>`(${column} = ${level} or ${column} is null)`;
}

/**
 * The rows to read. With a user, the user's traces come first and their observations are
 * found through the trace index (SQLite keeps a CROSS JOIN's order; PostgreSQL reads it as
 * an inner join): scanning every observation by time to test its trace would read the
 * whole project for a user with few calls. Typed as the observations table alone, since
 * every column read and every condition names `observations` explicitly.
 */
function observationSource(db: SerenoDatabase, projectId: string, userId: string | undefined) {
  if (userId === undefined) return db.selectFrom('observations');
  return db
    .selectFrom('traces')
    .crossJoin('observations')
    .where('traces.project_id', '=', projectId)
    .where('traces.user_id', '=', userId)
    .whereRef('observations.trace_id', '=', 'traces.id') as unknown as SelectQueryBuilder<
    Database,
    'observations',
    object
  >;
}

/** The query of one page of observations, newest first, for `listObservations` and its plan. */
export function observationListQuery(
  db: SerenoDatabase,
  projectId: string,
  query: ObservationListQuery & Pagination,
) {
  const conditions = observationConditions(projectId, query);
  return observationSource(db, projectId, query.userId)
    .selectAll('observations')
    .where((eb) => eb.and(conditions))
    .orderBy(observationTime, 'desc')
    .orderBy('observations.id', 'desc')
    .limit(query.limit)
    .offset(offsetOf(query));
}

/** The query counting the observations a filter matches. */
export function observationCountQuery(
  db: SerenoDatabase,
  projectId: string,
  query: ObservationListQuery,
) {
  const conditions = observationConditions(projectId, query);
  return observationSource(db, projectId, query.userId)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.and(conditions));
}

/** One page of a project's observations, newest first, and how many match. */
export async function listObservations(
  db: SerenoDatabase,
  projectId: string,
  query: ObservationListQuery & Pagination,
): Promise<{ rows: ObservationRow[]; totalItems: number }> {
  const rows = await observationListQuery(db, projectId, query).execute();
  const counted = await observationCountQuery(db, projectId, query).executeTakeFirstOrThrow();
  return { rows, totalItems: Number(counted.count) };
}

/** One observation of a project; undefined when absent. */
export function findObservation(
  db: SerenoDatabase,
  projectId: string,
  observationId: string,
): Promise<ObservationRow | undefined> {
  return db
    .selectFrom('observations')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', observationId)
    .executeTakeFirst();
}
