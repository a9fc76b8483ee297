import type { SerenoDatabase } from '../../store/open-database.js';
import { traceMergeColumns, type TraceRow } from '../trace-repository.js';
import { offsetOf, type Pagination } from './list-query-fields.js';
import { traceTime } from './row-time.js';
import { traceConditions, type TraceFilter } from './trace-conditions.js';
import { traceOrderColumns, type TraceOrderField } from './trace-list-query.js';

export interface TraceListOptions extends Pagination {
  filter: TraceFilter;
  order: { field: TraceOrderField; direction: 'asc' | 'desc' };
  /** Whether to read input, output and metadata; they are left null otherwise. */
  withBodies: boolean;
}

export interface TraceListPage {
  rows: TraceRow[];
  totalItems: number;
}

const bodyColumns = new Set(['input', 'output', 'metadata']);
const unreadBodies = { input: null, output: null, metadata: null };
const traceColumns = [
  'project_id',
  'id',
  ...traceMergeColumns,
  'created_at',
  'updated_at',
] as const;

/** The query of one page of traces, for `listTraces` and for reading its plan. */
export function traceListQuery(db: SerenoDatabase, projectId: string, options: TraceListOptions) {
  const conditions = traceConditions(projectId, options.filter);
  const columns = traceColumns.filter((column) => options.withBodies || !bodyColumns.has(column));
  const { field, direction } = options.order;
  return db
    .selectFrom('traces')
    .select(columns.map((column) => `traces.${column}` as const))
    .where((eb) => eb.and(conditions))
    .orderBy(field === 'timestamp' ? traceTime : `traces.${traceOrderColumns[field]}`, direction)
    .orderBy('traces.id', direction)
    .limit(options.limit)
    .offset(offsetOf(options));
}

/** The query counting the traces a filter matches. */
export function traceCountQuery(db: SerenoDatabase, projectId: string, filter: TraceFilter) {
  const conditions = traceConditions(projectId, filter);
  return db
    .selectFrom('traces')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.and(conditions));
}

/** One page of a project's traces and the number of traces that match, in two queries. */
export async function listTraces(
  db: SerenoDatabase,
  projectId: string,
  options: TraceListOptions,
): Promise<TraceListPage> {
  const rows = await traceListQuery(db, projectId, options).execute();
  const counted = await traceCountQuery(db, projectId, options.filter).executeTakeFirstOrThrow();
  // Columns left unread come back as null rather than missing.
  const filled = rows.map((row) => ({ ...unreadBodies, ...row }));
  return { rows: filled, totalItems: Number(counted.count) };
}
