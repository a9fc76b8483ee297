import { sql } from 'kysely';
import { z } from 'zod';
import type { SerenoDatabase } from '../../store/open-database.js';
import type { TraceRow } from '../trace-repository.js';
import { defaultEnvironment, inEnvironments } from './environment-filter.js';
import {
  isoTime,
  listQueryFields,
  offsetOf,
  repeatable,
  type Pagination,
} from './list-query-fields.js';
import { traceTime } from './row-time.js';

/** `GET /api/public/sessions` query parameters; the times bound a session's creation. */
export const sessionListQuerySchema = z
  .object({
    ...listQueryFields,
    fromTimestamp: isoTime.optional(),
    toTimestamp: isoTime.optional(),
    environment: repeatable.optional(),
  })
  .loose();

export type SessionListQuery = z.infer<typeof sessionListQuerySchema>;

/**
 * A session as Sereno knows it: the traces that name it. It was created with its first
 * trace; its environment is that of its traces (the first in sort order, should they
 * differ).
 */
export interface SessionSummary {
  id: string;
  projectId: string;
  createdAt: number;
  environment: string;
}

function sessionsQuery(db: SerenoDatabase, projectId: string, query: SessionListQuery) {
  const conditions = [
    sql<boolean>`${sql.ref('traces.project_id')} = ${projectId}`,
    sql<boolean>`${sql.ref('traces.session_id')} is not null`,
  ];
  if (query.environment?.length) {
    conditions.push(inEnvironments('traces.environment', query.environment));
  }
  const created = sql<number>`min(${traceTime})`;
  // Only what the (project_id, session_id, time) index holds, so that grouping every
  // session of the project reads the index alone; environments are read for the page.
  let grouped = db
    .selectFrom('traces')
    .select([sql<string>`${sql.ref('traces.session_id')}`.as('id'), created.as('created_at')])
    .where((eb) => eb.and(conditions))
    .groupBy('traces.session_id');
  if (query.fromTimestamp !== undefined) {
    grouped = grouped.having(created, '>=', query.fromTimestamp);
  }
  if (query.toTimestamp !== undefined) grouped = grouped.having(created, '<', query.toTimestamp);
  return grouped;
}

/** One page of a project's sessions, newest first, and how many match. */
export async function listSessions(
  db: SerenoDatabase,
  projectId: string,
  query: SessionListQuery & Pagination,
): Promise<{ sessions: SessionSummary[]; totalItems: number }> {
  const grouped = sessionsQuery(db, projectId, query);
  const rows = await db
    .selectFrom(grouped.as('sessions'))
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(offsetOf(query))
    .execute();
  const counted = await db
    .selectFrom(grouped.as('sessions'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const environments = await environmentsOf(
    db,
    projectId,
    rows.map((row) => row.id),
  );
  const sessions = rows.map((row) => ({
    id: row.id,
    projectId,
    createdAt: Number(row.created_at),
    environment: environments.get(row.id) ?? defaultEnvironment,
  }));
  return { sessions, totalItems: Number(counted.count) };
}

/** The environment of each session: of its traces, the first in sort order. */
async function environmentsOf(
  db: SerenoDatabase,
  projectId: string,
  sessionIds: string[],
): Promise<Map<string, string>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('traces')
    .select([
      sql<string>`${sql.ref('traces.session_id')}`.as('id'),
      sql<string>`min(coalesce(${sql.ref('traces.environment')}, ${defaultEnvironment}))`.as(
        'environment',
      ),
    ])
    .where('traces.project_id', '=', projectId)
    .where('traces.session_id', 'in', sessionIds)
    .groupBy('traces.session_id')
    .execute();
  return new Map(rows.map((row) => [row.id, row.environment]));
}

/** A session with its traces, oldest first; undefined when no trace names it. */
export async function findSession(
  db: SerenoDatabase,
  projectId: string,
  sessionId: string,
): Promise<{ session: SessionSummary; traces: TraceRow[] } | undefined> {
  const traces = await db
    .selectFrom('traces')
    .selectAll()
    .where('traces.project_id', '=', projectId)
    .where('traces.session_id', '=', sessionId)
    .orderBy(traceTime, 'asc')
    .orderBy('traces.id', 'asc')
    .execute();
  const first = traces[0];
  if (!first) return undefined;
  const environments = traces.map((trace) => trace.environment ?? defaultEnvironment).sort();
  const session = {
    id: sessionId,
    projectId,
    createdAt: Number(first.timestamp ?? first.created_at),
    environment: environments[0] ?? defaultEnvironment,
  };
  return { session, traces };
}
