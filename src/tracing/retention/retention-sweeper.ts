import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../../logging/logger.js';
import type { SerenoDatabase } from '../../store/open-database.js';
import type { Clock } from '../../time/clock.js';
import {
  deleteExpiredObservations,
  deleteExpiredScores,
  deleteExpiredTraces,
} from './expired-rows.js';

export interface RetentionOptions {
  db: SerenoDatabase;
  clock: Clock;
  logger: Logger;
  /** Rows older than this many days are deleted. */
  retentionDays: number;
  /** Rows per delete; small, so that a sweep never holds the store for long. */
  batchSize?: number;
  /** Time between sweeps. */
  intervalMs?: number;
}

/** What one sweep deleted. */
export interface SweepResult {
  traces: number;
  observations: number;
  scores: number;
}

const dayMs = 86_400_000;
const defaultBatchSize = 500;
const defaultIntervalMs = 3_600_000;

type DeleteBatch = (
  db: SerenoDatabase,
  projectId: string,
  cutoff: number,
  batchSize: number,
) => Promise<number>;

/**
 * Deletes what `tracing.retention_days` no longer keeps: traces older than that with
 * their observations and scores, then observations and scores that are old by their own
 * time. A sweep runs at start and then on a timer, in small batches with a turn of the
 * event loop between them; the store's worker runs the requests' queries in between, so
 * no request waits for a whole sweep. Projects are swept one by one, as listed in the
 * store's `projects` table, which every project that writes traces is in.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;
  private stopped = false;

  constructor(private readonly options: RetentionOptions) {}

  /** Sweeps now, then every interval, until `stop`. */
  start(): void {
    const tick = () => {
      void this.sweep()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'retention failed'))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.options.intervalMs ?? defaultIntervalMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way, which ends after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep over every project; a second call while one runs joins it. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(): Promise<SweepResult> {
    const { db, clock, retentionDays } = this.options;
    const cutoff = clock.now() - retentionDays * dayMs;
    const projects = await db.selectFrom('projects').select('id').execute();
    const result: SweepResult = { traces: 0, observations: 0, scores: 0 };
    for (const { id } of projects) {
      result.traces += await this.drain(deleteExpiredTraces, id, cutoff);
      result.observations += await this.drain(deleteExpiredObservations, id, cutoff);
      result.scores += await this.drain(deleteExpiredScores, id, cutoff);
    }
    if (result.traces + result.observations + result.scores > 0) {
      this.options.logger.info({ ...result, cutoff, retentionDays }, 'retention deleted old rows');
    }
    return result;
  }

  /** Runs one kind of delete batch until nothing is left or the sweeper stops. */
  private async drain(deleteBatch: DeleteBatch, projectId: string, cutoff: number) {
    const batchSize = this.options.batchSize ?? defaultBatchSize;
    let total = 0;
    while (!this.stopped) {
      const deleted = await deleteBatch(this.options.db, projectId, cutoff, batchSize);
      total += deleted;
      if (deleted < batchSize) break;
      await nextTurn();
    }
    return total;
  }
}
