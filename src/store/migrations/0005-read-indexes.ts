import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the public read API. A row's time is its own when a write gave one and its
 * creation time otherwise, so the list queries order and filter on
 * `coalesce(timestamp, created_at)`; these indexes hold exactly that expression, which
 * the query must repeat word for word for the planner to use them. The id comes last so
 * that offset pages keep one order when rows share a time: an equality filter and the
 * order are then served by one index, which SQLite prefers even before it has statistics.
 * They replace the indexes of 0001 and 0003 on the bare time columns and on
 * (project_id, trace_id), whose work the new ones do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const traceTime = sql`coalesce(${sql.ref('timestamp')}, ${sql.ref('created_at')})`;
  const observationTime = sql`coalesce(${sql.ref('start_time')}, ${sql.ref('created_at')})`;

  await db.schema.dropIndex('traces_project_timestamp').ifExists().execute();
  await db.schema.dropIndex('observations_project_start').ifExists().execute();
  await db.schema.dropIndex('observations_project_trace').ifExists().execute();
  await db.schema.dropIndex('scores_project_trace').ifExists().execute();

  // The environment and the tags ride along in the plain time index, so that counting
  // the traces of an environment or with some tags reads the index, not the rows.
  await db.schema
    .createIndex('traces_project_time')
    .on('traces')
    .column('project_id')
    .expression(traceTime)
    .columns(['id', 'environment', 'tags'])
    .execute();
  for (const [name, column] of [
    ['traces_project_user_time', 'user_id'],
    ['traces_project_session_time', 'session_id'],
    ['traces_project_name_time', 'name'],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('traces')
      .columns(['project_id', column])
      .expression(traceTime)
      .column('id')
      .execute();
  }

  for (const [name, column] of [
    ['observations_project_time', undefined],
    ['observations_project_type_time', 'type'],
    ['observations_project_name_time', 'name'],
    ['observations_project_trace_time', 'trace_id'],
    ['observations_project_parent_time', 'parent_observation_id'],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('observations')
      .columns(column ? ['project_id', column] : ['project_id'])
      .expression(observationTime)
      .column('id')
      .execute();
  }

  await db.schema
    .createIndex('scores_project_trace_timestamp')
    .on('scores')
    .columns(['project_id', 'trace_id', 'timestamp'])
    .execute();
  await db.schema
    .createIndex('scores_project_name_timestamp')
    .on('scores')
    .columns(['project_id', 'name', 'timestamp'])
    .execute();
  await db.schema
    .createIndex('scores_project_session')
    .on('scores')
    .columns(['project_id', 'session_id'])
    .execute();
}
