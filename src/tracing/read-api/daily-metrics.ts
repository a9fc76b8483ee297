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

/** Usage keys summed into `inputUsage` and `outputUsage`, as an observation's `usage` sums them. */
const inputKeys = ['input', 'input_cache_read', 'input_cache_creation'];
const outputKeys = ['output', 'output_reasoning'];

/**
 * One row per observation of the matching traces, each usage key read once. Traces come
 * first, in time order, and their observations through the trace index: SQLite keeps a
 * CROSS JOIN's order (PostgreSQL reads it as an inner join), and the order keeps this
 * select apart from the grouping, so that each key is read once per row and the rows are
 * met in the order they were written. Left to itself, SQLite would walk the traces in an
 * order of its choosing and read every key as often as the sums name it.
 */
function observationRows(db: SerenoDatabase, conditions: RawBuilder<boolean>[]) {
  const usage = (key: string) =>
    sql<number>`coalesce(${jsonNumber(db, 'observations.usage_details', key)}, 0)`;
  return db
    .selectFrom('traces')
    .crossJoin('observations')
    .whereRef('observations.project_id', '=', 'traces.project_id')
    .whereRef('observations.trace_id', '=', 'traces.id')
    .where((eb) => eb.and(conditions))
    .select([
      epochDay(observationTime).as('day'),
      'observations.model as model',
      'observations.trace_id as trace_id',
      'observations.total_cost as cost',
      ...[...inputKeys, ...outputKeys].map((key) => usage(key).as(key)),
      jsonNumber(db, 'observations.usage_details', 'total').as('total'),
    ])
    .orderBy(traceTime);
}

/** Observations of the matching traces per day and model; for `dailyMetrics` and its plan. */
export function observationsPerModelDayQuery(
  db: SerenoDatabase,
  conditions: RawBuilder<boolean>[],
) {
  const sumOf = (keys: string[]) =>
    sql.join(
      keys.map((key) => sql.ref(`rows.${key}`)),
      sql` + `,
    );
  const input = sumOf(inputKeys);
  const output = sumOf(outputKeys);
  return db
    .selectFrom(observationRows(db, conditions).as('rows'))
    .select([
      'rows.day',
      'rows.model',
      sql<number>`count(*)`.as('count_observations'),
      sql<number>`count(distinct ${sql.ref('rows.trace_id')})`.as('count_traces'),
      sql<number>`sum(${sql.ref('rows.cost')})`.as('total_cost'),
      sql<number>`sum(${input})`.as('input_usage'),
      sql<number>`sum(${output})`.as('output_usage'),
      sql<number>`sum(coalesce(${sql.ref('rows.total')}, ${input} + ${output}))`.as('total_usage'),
    ])
    .groupBy(['rows.day', 'rows.model']);
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
