import type { Kysely } from 'kysely';

/** Scores that judge a trace, an observation or a session, in Langfuse's data model. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scores')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('trace_id', 'text')
    .addColumn('observation_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('dataset_run_id', 'text')
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('value', 'double precision')
    .addColumn('string_value', 'text')
    .addColumn('data_type', 'text', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('comment', 'text')
    .addColumn('config_id', 'text')
    .addColumn('author_user_id', 'text')
    .addColumn('environment', 'text')
    .addColumn('metadata', 'text')
    .addColumn('timestamp', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('scores_pkey', ['project_id', 'id'])
    .execute();
  await db.schema
    .createIndex('scores_project_trace')
    .on('scores')
    .columns(['project_id', 'trace_id'])
    .execute();
  await db.schema
    .createIndex('scores_project_timestamp')
    .on('scores')
    .columns(['project_id', 'timestamp'])
    .execute();
}
