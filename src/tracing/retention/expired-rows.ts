import { sql, type RawBuilder } from 'kysely';
import type { SerenoDatabase } from '../../store/open-database.js';
import { observationTime, traceTime } from '../read-api/row-time.js';

type ExpiringTable = 'traces' | 'observations' | 'scores';

/** The time by which each table's rows expire, as its indexes hold it. */
const expiryTimes: Record<ExpiringTable, RawBuilder<number>> = {
  traces: traceTime,
  observations: observationTime,
  scores: sql<number>`${sql.ref('scores.timestamp')}`,
};

/**
 * The ids of up to `batchSize` rows of a project older than `cutoff` (epoch ms). Deletes
 * are chosen by id first because neither SQLite nor PostgreSQL takes a LIMIT on DELETE in
 * a way both understand.
 */
async function expiredIds(
  db: SerenoDatabase,
  table: ExpiringTable,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<string[]> {
  const expired = await db
    .selectFrom(table)
    .select('id')
    .where('project_id', '=', projectId)
    .where(expiryTimes[table], '<', cutoff)
    .limit(batchSize)
    .execute();
  return expired.map((row) => row.id);
}

async function deleteByIds(
  db: SerenoDatabase,
  table: ExpiringTable,
  projectId: string,
  ids: string[],
): Promise<void> {
  await db.deleteFrom(table).where('project_id', '=', projectId).where('id', 'in', ids).execute();
}

/**
 * Deletes up to `batchSize` traces of a project older than `cutoff` (epoch ms) with
 * their observations and scores, in one transaction; returns how many traces went.
 */
export async function deleteExpiredTraces(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const ids = await expiredIds(db, 'traces', projectId, cutoff, batchSize);
  if (ids.length === 0) return 0;
  await db.transaction().execute(async (transaction) => {
    for (const table of ['observations', 'scores'] as const) {
      await transaction
        .deleteFrom(table)
        .where('project_id', '=', projectId)
        .where('trace_id', 'in', ids)
        .execute();
    }
    await deleteByIds(transaction, 'traces', projectId, ids);
  });
  return ids.length;
}

/** Deletes up to `batchSize` rows of a table older than `cutoff`; returns how many went. */
async function deleteExpiredRows(
  db: SerenoDatabase,
  table: 'observations' | 'scores',
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const ids = await expiredIds(db, table, projectId, cutoff, batchSize);
  if (ids.length > 0) await deleteByIds(db, table, projectId, ids);
  return ids.length;
}

/**
 * Deletes up to `batchSize` observations of a project that started before `cutoff`,
 * whatever their trace: those written without a trace, or whose trace is younger.
 */
export function deleteExpiredObservations(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  return deleteExpiredRows(db, 'observations', projectId, cutoff, batchSize);
}

/** Deletes up to `batchSize` scores of a project dated before `cutoff`, such as session scores. */
export function deleteExpiredScores(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  return deleteExpiredRows(db, 'scores', projectId, cutoff, batchSize);
}
