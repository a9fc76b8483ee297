import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { SerenoDatabase } from '../../store/open-database.js';
import type { ScoreRow } from '../trace-repository.js';
import { inEnvironments } from './environment-filter.js';
import {
  isoTime,
  listQueryFields,
  offsetOf,
  repeatable,
  type Pagination,
} from './list-query-fields.js';
import { hasAllTags } from './tags-filter.js';

const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

const numberText = z.union([z.number(), z.string().transform(Number).pipe(z.number())], {
  error: 'expected a number',
});

/** `GET /api/public/scores` query parameters. */
export const scoreListQuerySchema = z
  .object({
    ...listQueryFields,
    userId: z.string().optional(),
    name: z.string().optional(),
    fromTimestamp: isoTime.optional(),
    toTimestamp: isoTime.optional(),
    environment: repeatable.optional(),
    source: z.enum(['API', 'EVAL', 'ANNOTATION']).optional(),
    operator: z.enum(['<', '>', '<=', '>=', '!=', '=']).optional(),
    value: numberText.optional(),
    scoreIds: commaList.optional(),
    configId: z.string().optional(),
    sessionId: z.string().optional(),
    datasetRunId: z.string().optional(),
    traceId: z.string().optional(),
    observationId: commaList.optional(),
    dataType: z.enum(['NUMERIC', 'BOOLEAN', 'CATEGORICAL']).optional(),
    traceTags: repeatable.optional(),
  })
  .loose();

export type ScoreListQuery = z.infer<typeof scoreListQuerySchema>;

/** A listed score with the trace it judges, when it judges one that is stored. */
export interface ScoreListRow extends ScoreRow {
  trace_user_id: string | null;
  trace_session_id: string | null;
  trace_environment: string | null;
  trace_tags: string | null;
  trace_found: string | null;
}

const equalityColumns = {
  name: 'scores.name',
  source: 'scores.source',
  configId: 'scores.config_id',
  sessionId: 'scores.session_id',
  datasetRunId: 'scores.dataset_run_id',
  traceId: 'scores.trace_id',
  dataType: 'scores.data_type',
} as const;

function scoreConditions(projectId: string, query: ScoreListQuery): RawBuilder<boolean>[] {
  const conditions = [sql<boolean>`${sql.ref('scores.project_id')} = ${projectId}`];
  for (const [field, column] of Object.entries(equalityColumns)) {
    const value = query[field as keyof typeof equalityColumns];
    if (value !== undefined) conditions.push(sql<boolean>`${sql.ref(column)} = ${value}`);
  }
  const time = sql.ref('scores.timestamp');
  if (query.fromTimestamp !== undefined) {
    conditions.push(sql<boolean>`${time} >= ${query.fromTimestamp}`);
  }
  if (query.toTimestamp !== undefined)
    conditions.push(sql<boolean>`${time} < ${query.toTimestamp}`);
  if (query.environment?.length) {
    conditions.push(inEnvironments('scores.environment', query.environment));
  }
  if (query.scoreIds?.length) conditions.push(inList('scores.id', query.scoreIds));
  if (query.observationId?.length) {
    conditions.push(inList('scores.observation_id', query.observationId));
  }
  if (query.operator !== undefined && query.value !== undefined) {
    conditions.push(
      sql<boolean>`${sql.ref('scores.value')} ${sql.raw(query.operator)} ${query.value}`,
    );
  }
  if (query.userId !== undefined) {
    conditions.push(sql<boolean>`${sql.ref('traces.user_id')} = ${query.userId}`);
  }
  if (query.traceTags?.length) conditions.push(hasAllTags('traces.tags', query.traceTags));
  return conditions;
}

function inList(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
}

function joinedScores(db: SerenoDatabase) {
  return db
    .selectFrom('scores')
    .leftJoin('traces', (join) =>
      join
        .onRef('traces.project_id', '=', 'scores.project_id')
        .onRef('traces.id', '=', 'scores.trace_id'),
    );
}

/** One page of a project's scores, newest first, and how many match. */
export async function listScores(
  db: SerenoDatabase,
  projectId: string,
  query: ScoreListQuery & Pagination,
): Promise<{ rows: ScoreListRow[]; totalItems: number }> {
  const conditions = scoreConditions(projectId, query);
  const rows = await joinedScores(db)
    .selectAll('scores')
    .select([
      'traces.user_id as trace_user_id',
      'traces.session_id as trace_session_id',
      'traces.environment as trace_environment',
      'traces.tags as trace_tags',
      'traces.id as trace_found',
    ])
    .where((eb) => eb.and(conditions))
    .orderBy('scores.timestamp', 'desc')
    .orderBy('scores.id', 'desc')
    .limit(query.limit)
    .offset(offsetOf(query))
    .execute();
  const counted = await joinedScores(db)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where((eb) => eb.and(conditions))
    .executeTakeFirstOrThrow();
  return { rows, totalItems: Number(counted.count) };
}
