import type { Kysely } from 'kysely';

/** Projects, traces and observations in Langfuse's data model. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('traces')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('timestamp', 'bigint')
    .addColumn('name', 'text')
    .addColumn('user_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('release', 'text')
    .addColumn('version', 'text')
    .addColumn('environment', 'text')
    .addColumn('tags', 'text')
    .addColumn('metadata', 'text')
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('public', 'integer')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('traces_pkey', ['project_id', 'id'])
    .execute();

  await db.schema
    .createTable('observations')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('trace_id', 'text', (column) => column.notNull())
    .addColumn('parent_observation_id', 'text')
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('start_time', 'bigint')
    .addColumn('end_time', 'bigint')
    .addColumn('completion_start_time', 'bigint')
    .addColumn('level', 'text')
    .addColumn('status_message', 'text')
    .addColumn('version', 'text')
    .addColumn('environment', 'text')
    .addColumn('model', 'text')
    .addColumn('model_parameters', 'text')
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('metadata', 'text')
    .addColumn('usage_details', 'text')
    .addColumn('cost_details', 'text')
    .addColumn('total_cost', 'double precision')
    .addColumn('prompt_name', 'text')
    .addColumn('prompt_version', 'integer')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('observations_pkey', ['project_id', 'id'])
    .execute();

  await db.schema
    .createIndex('traces_project_timestamp')
    .on('traces')
    .columns(['project_id', 'timestamp'])
    .execute();
  await db.schema
    .createIndex('observations_project_trace')
    .on('observations')
    .columns(['project_id', 'trace_id'])
    .execute();
  await db.schema
    .createIndex('observations_project_start')
    .on('observations')
    .columns(['project_id', 'start_time'])
    .execute();
}
