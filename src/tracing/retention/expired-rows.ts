import type { SerenoDatabase } from '../../store/open-database.js';
import { observationTime, traceTime } from '../read-api/row-time.js';

/**
 * Deletes up to `batchSize` traces of a project older than `cutoff` (epoch ms) with
 * their observations and scores, in one transaction; returns how many traces went.
 * Deletes are chosen by id first because neither SQLite nor PostgreSQL takes a LIMIT
 * on DELETE in a way both understand.
 */
export async function deleteExpiredTraces(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const expired = await db
    .selectFrom('traces')
    .select('traces.id')
    .where('traces.project_id', '=', projectId)
    .where(traceTime, '<', cutoff)
    .limit(batchSize)
    .execute();
  const ids = expired.map((row) => row.id);
  if (ids.length === 0) return 0;
  await db.transaction().execute(async (transaction) => {
    await transaction
      .deleteFrom('observations')
      .where('project_id', '=', projectId)
      .where('trace_id', 'in', ids)
      .execute();
    await transaction
      .deleteFrom('scores')
      .where('project_id', '=', projectId)
      .where('trace_id', 'in', ids)
      .execute();
    await transaction
      .deleteFrom('traces')
      .where('project_id', '=', projectId)
      .where('id', 'in', ids)
      .execute();
  });
  return ids.length;
}

/**
 * Deletes up to `batchSize` observations of a project that started before `cutoff`,
 * whatever their trace: those written without a trace, or whose trace is younger.
 */
export async function deleteExpiredObservations(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const expired = await db
    .selectFrom('observations')
    .select('observations.id')
    .where('observations.project_id', '=', projectId)
    .where(observationTime, '<', cutoff)
    .limit(batchSize)
    .execute();
  const ids = expired.map((row) => row.id);
  if (ids.length === 0) return 0;
  await db
    .deleteFrom('observations')
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}

/** Deletes up to `batchSize` scores of a project dated before `cutoff`, such as session scores. */
export async function deleteExpiredScores(
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const expired = await db
    .selectFrom('scores')
    .select('id')
    .where('project_id', '=', projectId)
    .where('timestamp', '<', cutoff)
    .limit(batchSize)
    .execute();
  const ids = expired.map((row) => row.id);
  if (ids.length === 0) return 0;
  await db
    .deleteFrom('scores')
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}
