import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { SerenoDatabase } from '../../store/open-database.js';
import { jsonNumber } from './json-number.js';
import {
  isoTime,
  offsetOf,
  paginationFields,
  repeatable,
  type Pagination,
} from './list-query-fields.js';
import { epochDay, isoDay, observationTime, traceTime } from './row-time.js';
import { traceConditions } from './trace-conditions.js';

/** `GET /api/public/metrics/daily` query parameters; every filter is on the trace. */
export const dailyMetricsQuerySchema = z
  .object({
    ...paginationFields,
    traceName: z.string().optional(),
    userId: z.string().optional(),
    tags: repeatable.optional(),
    fromTimestamp: isoTime.optional(),
    toTimestamp: isoTime.optional(),
  })
  .loose();

export type DailyMetricsQuery = z.infer<typeof dailyMetricsQuerySchema>;

/** One model's share of a day, in Langfuse's UsageByModel shape. */
export interface UsageByModel {
  model: string | null;
  inputUsage: number;
  outputUsage: number;
  totalUsage: number;
  countTraces: number;
  countObservations: number;
  totalCost: number;
}

/** One day (UTC), in Langfuse's DailyMetricsDetails shape. */
export interface DailyMetricsDetails {
  date: string;
  countTraces: number;
  countObservations: number;
  totalCost: number;
  usage: UsageByModel[];
}

interface ModelDayRow {
  day: number;
  model: string | null;
  count_observations: number;
  count_traces: number;
  total_cost: number | null;
  input_usage: number | null;
  output_usage: number | null;
  total_usage: number | null;
}

function sumOf(parts: RawBuilder<number>[]): RawBuilder<number> {
  return sql<number>`(${sql.join(
    parts.map((part) => sql`coalesce(${part}, 0)`),
    sql` + `,
  )})`;
}

/** Sums of an observation's usage: every input bucket, every output bucket, and the total. */
function usageSums(db: SerenoDatabase) {
  const usage = (key: string) => jsonNumber(db, 'observations.usage_details', key);
  const input = sumOf(['input', 'input_cache_read', 'input_cache_creation'].map(usage));
  const output = sumOf(['output', 'output_reasoning'].map(usage));
  return {
    input: sql<number>`sum(${input})`,
    output: sql<number>`sum(${output})`,
    total: sql<number>`sum(coalesce(${usage('total')}, ${input} + ${output}))`,
  };
}

/**
 * Traces per day (days since the epoch); for `dailyMetrics` and for reading its plan. The
 * inner select is ordered so that SQLite keeps it apart and reads the days from the time
 * index alone; folded into the grouping, it would read every trace's row.
 */
export function tracesPerDayQuery(db: SerenoDatabase, conditions: RawBuilder<boolean>[]) {
  const days = db
    .selectFrom('traces')
    .select(epochDay(traceTime).as('day'))
    .where((eb) => eb.and(conditions))
    .orderBy(traceTime);
  return db
    .selectFrom(days.as('days'))
    .select(['days.day', sql<number>`count(*)`.as('count')])
    .groupBy('days.day');
}

/** Observations of the matching traces per day and model; for `dailyMetrics` and its plan. */
export function observationsPerModelDayQuery(
  db: SerenoDatabase,
  conditions: RawBuilder<boolean>[],
) {
  const day = epochDay(observationTime);
  const usage = usageSums(db);
  // Traces first, then their observations through the trace index: SQLite keeps a CROSS
  // JOIN's order (PostgreSQL reads it as an inner join). Left to itself, SQLite would scan
  // every observation of the project and look up its trace.
  return db
    .selectFrom('traces')
    .crossJoin('observations')
    .whereRef('observations.project_id', '=', 'traces.project_id')
    .whereRef('observations.trace_id', '=', 'traces.id')
    .select([
      day.as('day'),
      'observations.model as model',
      sql<number>`count(*)`.as('count_observations'),
      sql<number>`count(distinct ${sql.ref('observations.trace_id')})`.as('count_traces'),
      sql<number>`sum(${sql.ref('observations.total_cost')})`.as('total_cost'),
      usage.input.as('input_usage'),
      usage.output.as('output_usage'),
      usage.total.as('total_usage'),
    ])
    .where((eb) => eb.and(conditions))
    .groupBy([day, 'observations.model']);
}

function usageView(row: ModelDayRow): UsageByModel {
  return {
    model: row.model,
    inputUsage: Number(row.input_usage ?? 0),
    outputUsage: Number(row.output_usage ?? 0),
    totalUsage: Number(row.total_usage ?? 0),
    countTraces: Number(row.count_traces),
    countObservations: Number(row.count_observations),
    totalCost: Number(row.total_cost ?? 0),
  };
}

/**
 * Per day (UTC), newest first: the traces that match, and their observations grouped by
 * model. A trace counts on the day of its timestamp, an observation on the day it
 * started, as in Langfuse. `inputUsage` counts every input token, cached or not, and
 * `outputUsage` every output token, reasoning included, as `usage` of an observation
 * does. Two grouped queries read every matching row; the page is cut from their
 * result, which holds one row per day and model.
 */
export async function dailyMetrics(
  db: SerenoDatabase,
  projectId: string,
  query: DailyMetricsQuery & Pagination,
): Promise<{ days: DailyMetricsDetails[]; totalItems: number }> {
  const conditions = traceConditions(projectId, { ...query, name: query.traceName });
  const traceDays = await tracesPerDayQuery(db, conditions).execute();
  const modelDays = (await observationsPerModelDayQuery(db, conditions).execute()) as ModelDayRow[];

  const traceCounts = new Map(traceDays.map((row) => [Number(row.day), Number(row.count)]));
  const usageByDay = new Map<number, UsageByModel[]>();
  for (const row of modelDays) {
    const day = Number(row.day);
    usageByDay.set(day, [...(usageByDay.get(day) ?? []), usageView(row)]);
  }
  const allDays = [...new Set([...traceCounts.keys(), ...usageByDay.keys()])].sort((a, b) => b - a);
  const start = offsetOf(query);
  const days = allDays.slice(start, start + query.limit).map((day) => {
    const usage = (usageByDay.get(day) ?? []).sort((a, b) =>
      String(a.model).localeCompare(String(b.model)),
    );
    return {
      date: isoDay(day),
      countTraces: traceCounts.get(day) ?? 0,
      countObservations: usage.reduce((sum, entry) => sum + entry.countObservations, 0),
      totalCost: usage.reduce((sum, entry) => sum + entry.totalCost, 0),
      usage,
    };
  });
  return { days, totalItems: allDays.length };
}
