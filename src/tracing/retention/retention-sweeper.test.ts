import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logging/logger.js';
import { ensureProject } from '../../projects/project-repository.js';
import { openSqliteDatabase, type SerenoDatabase } from '../../store/open-database.js';
import type { TraceWrite } from '../trace-records.js';
import { writeTraceBatch } from '../trace-repository.js';
import { RetentionSweeper } from './retention-sweeper.js';

const day = 86_400_000;
const now = 100 * day;

function trace(projectId: string, id: string, timestamp?: number): TraceWrite {
  return { kind: 'trace', record: { projectId, id, timestamp } };
}

function observation(id: string, traceId: string, startTime: number): TraceWrite {
  return { kind: 'observation', record: { projectId: 'p', id, traceId, type: 'SPAN', startTime } };
}

function score(id: string, timestamp: number, link: { traceId?: string; sessionId?: string }) {
  const record = { projectId: 'p', id, name: 'quality', dataType: 'NUMERIC', source: 'API' };
  return { kind: 'score', record: { ...record, value: 1, timestamp, ...link } } as TraceWrite;
}

describe('RetentionSweeper', () => {
  let dataDir: string;
  let db: SerenoDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-retention-'));
    db = await openSqliteDatabase(dataDir);
    await ensureProject(db, { id: 'p', name: 'p' }, 0);
    await ensureProject(db, { id: 'q', name: 'q' }, 0);
    // Retention of 30 days at day 100: everything before day 70 goes.
    const old = ['old1', 'old2', 'old3', 'old4', 'old5'].map((id, index) =>
      trace('p', id, 10 * day + index),
    );
    await writeTraceBatch(
      db,
      [
        ...old,
        observation('old1-span', 'old1', 10 * day),
        score('old1-score', 95 * day, { traceId: 'old1' }),
        trace('p', 'recent', 90 * day),
        observation('recent-span', 'recent', 90 * day),
        score('recent-score', 90 * day, { traceId: 'recent' }),
        trace('p', 'edge', 70 * day),
        observation('orphan-old', 'never-written', 20 * day),
        observation('orphan-recent', 'never-written', 95 * day),
        score('session-old', 20 * day, { sessionId: 's' }),
        score('session-recent', 95 * day, { sessionId: 's' }),
        trace('q', 'other-project-old', 5 * day),
      ],
      99 * day,
    );
    // Written without a timestamp on day 10: its stored time decides.
    await writeTraceBatch(db, [trace('p', 'untimed')], 10 * day);
  });

  afterAll(async () => {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const ids = async (table: 'traces' | 'observations' | 'scores', projectId = 'p') =>
    (await db.selectFrom(table).select('id').where('project_id', '=', projectId).execute())
      .map((row) => row.id)
      .sort();

  it('should delete only rows older than the retention, in small batches', async () => {
    const sweeper = new RetentionSweeper({
      db,
      clock: { now: () => now, sleep: async () => undefined },
      logger: createLogger({ level: 'silent', pretty: false }),
      retentionDays: 30,
      batchSize: 2,
    });

    const result = await sweeper.sweep();

    // Traces: old1..old5, untimed, other-project-old. Observations: old1-span goes with
    // its trace, orphan-old by its own start. Scores: old1-score with its trace although
    // it is recent itself, session-old by its own time.
    expect(result).toEqual({ traces: 7, observations: 1, scores: 1 });
    expect(await ids('traces')).toEqual(['edge', 'recent']);
    expect(await ids('observations')).toEqual(['orphan-recent', 'recent-span']);
    expect(await ids('scores')).toEqual(['recent-score', 'session-recent']);
    expect(await ids('traces', 'q')).toEqual([]);
  });

  it('should find nothing more to delete on the next sweep', async () => {
    const sweeper = new RetentionSweeper({
      db,
      clock: { now: () => now, sleep: async () => undefined },
      logger: createLogger({ level: 'silent', pretty: false }),
      retentionDays: 30,
    });
    expect(await sweeper.sweep()).toEqual({ traces: 0, observations: 0, scores: 0 });
  });
});
