import type { SerenoDatabase } from '../../store/open-database.js';
import type { TraceRow } from '../trace-repository.js';
import { traceSpan } from '../trace-views.js';

/** What a listed trace shows of its observations and scores. */
export interface TraceAggregates {
  observationIds: string[];
  scoreIds: string[];
  totalCost: number;
  /** Seconds from the first start to the last end, the trace's own time included. */
  latency: number;
}

/**
 * The observations of a page of traces, unsorted, as are the scores below: asked to sort
 * by time, SQLite would walk every row of the project by time rather than look up the
 * page's traces. `loadTraceAggregates` sorts them.
 */
export function pageObservationsQuery(db: SerenoDatabase, projectId: string, ids: string[]) {
  return db
    .selectFrom('observations')
    .select(['id', 'trace_id', 'start_time', 'end_time', 'created_at', 'total_cost'])
    .where('project_id', '=', projectId)
    .where('trace_id', 'in', ids);
}

/** The scores of a page of traces, unsorted. */
export function pageScoresQuery(db: SerenoDatabase, projectId: string, ids: string[]) {
  return db
    .selectFrom('scores')
    .select(['id', 'trace_id', 'timestamp'])
    .where('project_id', '=', projectId)
    .where('trace_id', 'in', ids);
}

/**
 * The observations and scores of a page of traces, in one query each whatever the page
 * size, read through the `(project_id, trace_id)` indexes.
 */
export async function loadTraceAggregates(
  db: SerenoDatabase,
  projectId: string,
  traces: readonly TraceRow[],
): Promise<Map<string, TraceAggregates>> {
  const ids = traces.map((trace) => trace.id);
  const aggregates = new Map<string, TraceAggregates>();
  if (ids.length === 0) return aggregates;

  const observations = await pageObservationsQuery(db, projectId, ids).execute();
  const scores = await pageScoresQuery(db, projectId, ids).execute();
  observations.sort((a, b) => startOf(a) - startOf(b) || a.id.localeCompare(b.id));
  scores.sort((a, b) => Number(a.timestamp) - Number(b.timestamp) || a.id.localeCompare(b.id));
  const observationsOf = groupByTrace(observations);
  const scoresOf = groupByTrace(scores);
  for (const trace of traces) {
    const own = observationsOf.get(trace.id) ?? [];
    aggregates.set(trace.id, {
      observationIds: own.map((observation) => observation.id),
      scoreIds: (scoresOf.get(trace.id) ?? []).map((score) => score.id),
      totalCost: own.reduce((sum, observation) => sum + (observation.total_cost ?? 0), 0),
      latency: traceSpan(trace, own),
    });
  }
  return aggregates;
}

function groupByTrace<T extends { trace_id: string | null }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    if (row.trace_id === null) continue;
    const group = groups.get(row.trace_id);
    if (group) group.push(row);
    else groups.set(row.trace_id, [row]);
  }
  return groups;
}

function startOf(observation: { start_time: number | null; created_at: number }): number {
  return Number(observation.start_time ?? observation.created_at);
}
