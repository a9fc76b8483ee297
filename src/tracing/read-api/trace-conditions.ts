import { sql, type RawBuilder } from 'kysely';
import { inEnvironments } from './environment-filter.js';
import { traceTime } from './row-time.js';
import { hasAllTags } from './tags-filter.js';

/** What a trace must match to be listed or counted; every filter given must hold. */
export interface TraceFilter {
  userId?: string;
  name?: string;
  sessionId?: string;
  version?: string;
  release?: string;
  tags?: string[];
  environment?: string[];
  /** Epoch ms, inclusive. */
  fromTimestamp?: number;
  /** Epoch ms, exclusive. */
  toTimestamp?: number;
}

const equalityColumns = {
  userId: 'traces.user_id',
  name: 'traces.name',
  sessionId: 'traces.session_id',
  version: 'traces.version',
  release: 'traces.release',
} as const;

/**
 * The conditions on `traces` for a project and a filter, as expressions that fit any
 * query naming the `traces` table, joined or not.
 */
export function traceConditions(projectId: string, filter: TraceFilter): RawBuilder<boolean>[] {
  const conditions = [sql<boolean>`${sql.ref('traces.project_id')} = ${projectId}`];
  for (const [field, column] of Object.entries(equalityColumns)) {
    const value = filter[field as keyof typeof equalityColumns];
    if (value !== undefined) conditions.push(sql<boolean>`${sql.ref(column)} = ${value}`);
  }
  if (filter.fromTimestamp !== undefined) {
    conditions.push(sql<boolean>`${traceTime} >= ${filter.fromTimestamp}`);
  }
  if (filter.toTimestamp !== undefined) {
    conditions.push(sql<boolean>`${traceTime} < ${filter.toTimestamp}`);
  }
  if (filter.tags?.length) conditions.push(hasAllTags('traces.tags', filter.tags));
  if (filter.environment?.length) {
    conditions.push(inEnvironments('traces.environment', filter.environment));
  }
  return conditions;
}
