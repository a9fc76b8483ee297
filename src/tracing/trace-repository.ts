import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import type {
  Database,
  ObservationsTable,
  ScoresTable,
  TracesTable,
} from '../store/database-schema.js';
import type { SerenoDatabase } from '../store/open-database.js';
import type {
  IngestionReceiptRecord,
  ObservationRecord,
  ScoreRecord,
  TraceRecord,
  TraceWrite,
} from './trace-records.js';

export type TraceRow = Selectable<TracesTable>;
export type ObservationRow = Selectable<ObservationsTable>;
export type ScoreRow = Selectable<ScoresTable>;

/** Rows per statement: far below SQLite's limit of bound values, and PostgreSQL's. */
const rowsPerStatement = 200;

/**
 * JSON text of values already written, by identity: a gateway call's messages are the
 * input of its trace and of each of its generations, and are serialised once.
 */
const serialised = new WeakMap<object, string>();

/**
 * A stored body past this many characters keeps only its start, in a marked object: a
 * trace is read by people and tools, and one runaway answer must not weigh on every
 * read of its trace, nor on the store.
 */
export const maxStoredBodyChars = 1_000_000;
const keptStartChars = 10_000;

function fitted(text: string): string {
  if (text.length <= maxStoredBodyChars) return text;
  return JSON.stringify({
    sereno_truncated: true,
    characters: text.length,
    start: text.slice(0, keptStartChars),
  });
}

function json(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return fitted(JSON.stringify(value));
  let text = serialised.get(value);
  if (text === undefined) {
    text = fitted(JSON.stringify(value));
    serialised.set(value, text);
  }
  return text;
}

function traceRow(record: TraceRecord, now: number): Insertable<TracesTable> {
  return {
    project_id: record.projectId,
    id: record.id,
    timestamp: record.timestamp ?? null,
    name: record.name ?? null,
    user_id: record.userId ?? null,
    session_id: record.sessionId ?? null,
    release: record.release ?? null,
    version: record.version ?? null,
    environment: record.environment ?? null,
    tags: record.tags === undefined ? null : JSON.stringify(record.tags),
    metadata: json(record.metadata),
    input: json(record.input),
    output: json(record.output),
    public: record.public === undefined ? null : Number(record.public),
    created_at: now,
    updated_at: now,
  };
}

function observationRow(record: ObservationRecord, now: number): Insertable<ObservationsTable> {
  return {
    project_id: record.projectId,
    id: record.id,
    trace_id: record.traceId,
    parent_observation_id: record.parentObservationId ?? null,
    type: record.type,
    name: record.name ?? null,
    start_time: record.startTime ?? null,
    end_time: record.endTime ?? null,
    completion_start_time: record.completionStartTime ?? null,
    level: record.level ?? null,
    status_message: record.statusMessage ?? null,
    version: record.version ?? null,
    environment: record.environment ?? null,
    model: record.model ?? null,
    model_parameters: json(record.modelParameters),
    input: json(record.input),
    output: json(record.output),
    metadata: json(record.metadata),
    usage_details: json(record.usageDetails),
    cost_details: json(record.costDetails),
    total_cost: record.totalCost ?? null,
    prompt_name: record.promptName ?? null,
    prompt_version: record.promptVersion ?? null,
    created_at: now,
    updated_at: now,
  };
}

function scoreRow(record: ScoreRecord, now: number): Insertable<ScoresTable> {
  return {
    project_id: record.projectId,
    id: record.id,
    trace_id: record.traceId ?? null,
    observation_id: record.observationId ?? null,
    session_id: record.sessionId ?? null,
    dataset_run_id: record.datasetRunId ?? null,
    name: record.name,
    value: record.value ?? null,
    string_value: record.stringValue ?? null,
    data_type: record.dataType,
    source: record.source,
    comment: record.comment ?? null,
    config_id: record.configId ?? null,
    author_user_id: record.authorUserId ?? null,
    environment: record.environment ?? null,
    metadata: json(record.metadata),
    timestamp: record.timestamp ?? now,
    created_at: now,
    updated_at: now,
  };
}

/** Later writes of one id win field by field, where they say something. */
function mergeByKey<T extends { projectId: string; id: string }>(records: T[]): T[] {
  const merged = new Map<string, T>();
  for (const record of records) {
    const key = `${record.projectId}\u0000${record.id}`;
    const previous = merged.get(key);
    if (!previous) {
      merged.set(key, { ...record });
      continue;
    }
    for (const [field, value] of Object.entries(record)) {
      if (value !== undefined) (previous as Record<string, unknown>)[field] = value;
    }
  }
  return [...merged.values()];
}

function keepUnlessNull<T extends 'traces' | 'observations' | 'scores'>(
  table: T,
  columns: readonly string[],
) {
  return (eb: ExpressionBuilder<Database, T>) => {
    const set: Record<string, unknown> = {};
    for (const column of columns) {
      set[column] = eb.fn.coalesce(
        eb.ref(`excluded.${column}` as never),
        eb.ref(`${table}.${column}` as never),
      );
    }
    set.updated_at = eb.ref('excluded.updated_at' as never);
    return set as never;
  };
}

/** The trace columns a later write of the same id sets, where it says something. */
export const traceMergeColumns = [
  'timestamp',
  'name',
  'user_id',
  'session_id',
  'release',
  'version',
  'environment',
  'tags',
  'metadata',
  'input',
  'output',
  'public',
] as const;
const observationMergeColumns = [
  'trace_id',
  'parent_observation_id',
  'type',
  'name',
  'start_time',
  'end_time',
  'completion_start_time',
  'level',
  'status_message',
  'version',
  'environment',
  'model',
  'model_parameters',
  'input',
  'output',
  'metadata',
  'usage_details',
  'cost_details',
  'total_cost',
  'prompt_name',
  'prompt_version',
];

const scoreMergeColumns = [
  'trace_id',
  'observation_id',
  'session_id',
  'dataset_run_id',
  'name',
  'value',
  'string_value',
  'data_type',
  'source',
  'comment',
  'config_id',
  'author_user_id',
  'environment',
  'metadata',
  'timestamp',
];

/**
 * Inserts rows in statements of `rowsPerStatement`; a row whose id is already stored is
 * merged into it instead, each of `mergeColumns` keeping its stored value where the row's
 * is null.
 */
async function upsertMerged<T extends 'traces' | 'observations' | 'scores'>(
  transaction: SerenoDatabase,
  table: T,
  rows: Insertable<Database[T]>[],
  mergeColumns: readonly string[],
): Promise<void> {
  // Kysely cannot check values and updates against a table that is a type parameter.
  const merge = keepUnlessNull(table, mergeColumns) as never;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    await transaction
      .insertInto(table)
      .values(rows.slice(start, start + rowsPerStatement) as never)
      .onConflict((conflict) => conflict.columns(['project_id', 'id']).doUpdateSet(merge))
      .execute();
  }
}

/** Receipts only record that an event was applied: one already stored stays as it is. */
async function insertReceipts(
  transaction: SerenoDatabase,
  receipts: IngestionReceiptRecord[],
  now: number,
): Promise<void> {
  for (let start = 0; start < receipts.length; start += rowsPerStatement) {
    const rows = receipts.slice(start, start + rowsPerStatement).map((record) => ({
      project_id: record.projectId,
      event_id: record.eventId,
      created_at: now,
    }));
    await transaction
      .insertInto('ingestion_receipts')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

/** Writes a batch in one transaction; an id already stored is merged, not replaced. */
export async function writeTraceBatch(
  db: SerenoDatabase,
  writes: TraceWrite[],
  now: number,
): Promise<void> {
  const traces = mergeByKey(
    writes.flatMap((write) => (write.kind === 'trace' ? [write.record] : [])),
  );
  const observations = mergeByKey(
    writes.flatMap((write) => (write.kind === 'observation' ? [write.record] : [])),
  );
  const scores = mergeByKey(
    writes.flatMap((write) => (write.kind === 'score' ? [write.record] : [])),
  );
  const receipts = writes.flatMap((write) => (write.kind === 'receipt' ? [write.record] : []));

  await db.transaction().execute(async (transaction) => {
    const traceRows = traces.map((record) => traceRow(record, now));
    await upsertMerged(transaction, 'traces', traceRows, traceMergeColumns);
    const observationRows = observations.map((record) => observationRow(record, now));
    await upsertMerged(transaction, 'observations', observationRows, observationMergeColumns);
    await insertReceipts(transaction, receipts, now);
    const scoreRows = scores.map((record) => scoreRow(record, now));
    await upsertMerged(transaction, 'scores', scoreRows, scoreMergeColumns);
  });
}

export interface TraceWithObservations {
  trace: TraceRow;
  observations: ObservationRow[];
  scores: ScoreRow[];
}

/** One trace of a project with all its observations, oldest first; undefined when absent. */
export async function findTrace(
  db: SerenoDatabase,
  projectId: string,
  traceId: string,
): Promise<TraceWithObservations | undefined> {
  const trace = await db
    .selectFrom('traces')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', traceId)
    .executeTakeFirst();
  if (!trace) return undefined;
  const observations = await db
    .selectFrom('observations')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('trace_id', '=', traceId)
    .orderBy('start_time')
    .execute();
  const scores = await db
    .selectFrom('scores')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('trace_id', '=', traceId)
    .orderBy('timestamp')
    .execute();
  return { trace, observations, scores };
}
