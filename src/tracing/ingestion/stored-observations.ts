import type { SerenoDatabase } from '../../store/open-database.js';
import { parseJsonColumn } from '../../store/parse-json-column.js';
import type { ObservationType } from '../trace-records.js';

/** What pricing and ingestion need to know of an observation already stored. */
export interface StoredObservation {
  id: string;
  traceId: string;
  type: ObservationType;
  model?: string;
  startTime?: number;
  usageDetails?: Record<string, number>;
  costDetails?: Record<string, number>;
  metadata?: unknown;
}

/** Ids per query: far below SQLite's limit of bound values, and PostgreSQL's. */
const idsPerQuery = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += idsPerQuery) {
    result.push(items.slice(start, start + idsPerQuery));
  }
  return result;
}

/** The stored observations of a project among the given ids, by id. */
export async function findStoredObservations(
  db: SerenoDatabase,
  projectId: string,
  ids: string[],
): Promise<Map<string, StoredObservation>> {
  const found = new Map<string, StoredObservation>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('observations')
      .select([
        'id',
        'trace_id',
        'type',
        'model',
        'start_time',
        'usage_details',
        'cost_details',
        'metadata',
      ])
      .where('project_id', '=', projectId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        traceId: row.trace_id,
        type: row.type as ObservationType,
        model: row.model ?? undefined,
        startTime: row.start_time === null ? undefined : Number(row.start_time),
        usageDetails: parseJsonColumn(row.usage_details) as Record<string, number> | undefined,
        costDetails: parseJsonColumn(row.cost_details) as Record<string, number> | undefined,
        metadata: parseJsonColumn(row.metadata),
      });
    }
  }
  return found;
}

/** The stored input and output of the given observations, read only when tokens must be counted. */
export async function findStoredInputOutput(
  db: SerenoDatabase,
  projectId: string,
  ids: string[],
): Promise<Map<string, { input?: unknown; output?: unknown }>> {
  const found = new Map<string, { input?: unknown; output?: unknown }>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('observations')
      .select(['id', 'input', 'output'])
      .where('project_id', '=', projectId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) {
      found.set(row.id, { input: parseJsonColumn(row.input), output: parseJsonColumn(row.output) });
    }
  }
  return found;
}

/** The stored start time of the given traces, by id; traces without one are left out. */
export async function findStoredTraceTimes(
  db: SerenoDatabase,
  projectId: string,
  ids: string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('traces')
      .select(['id', 'timestamp'])
      .where('project_id', '=', projectId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) {
      if (row.timestamp !== null) found.set(row.id, Number(row.timestamp));
    }
  }
  return found;
}
