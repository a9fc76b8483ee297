import { sql, type RawBuilder } from 'kysely';

/**
 * When a row happened: the time a write gave it, else when it was stored. Written exactly
 * as the indexes of migration 0005 hold it, so that filters and orders on it use them.
 */

export const traceTime: RawBuilder<number> = sql<number>`coalesce(${sql.ref(
  'traces.timestamp',
)}, ${sql.ref('traces.created_at')})`;

export const observationTime: RawBuilder<number> = sql<number>`coalesce(${sql.ref(
  'observations.start_time',
)}, ${sql.ref('observations.created_at')})`;

const dayMs = 86_400_000;

/** Whole days since the epoch (UTC) of a time in epoch milliseconds; integer division. */
export function epochDay(time: RawBuilder<number>): RawBuilder<number> {
  return sql<number>`(${time} / ${sql.lit(dayMs)})`;
}

/** `YYYY-MM-DD` of a day counted by `epochDay`. */
export function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}
