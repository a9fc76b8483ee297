import type { Kysely } from 'kysely';

/**
 * Managed prompts: immutable versions, labels (one row per label, so a label is on one
 * version of a name by construction), tags per name, the references between prompts,
 * and each project's protected labels.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('prompts')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull().unique())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('prompt', 'text', (column) => column.notNull())
    .addColumn('config', 'text', (column) => column.notNull())
    .addColumn('commit_message', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('prompts_pkey', ['project_id', 'name', 'version'])
    .execute();

  await db.schema
    .createTable('prompt_labels')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('label', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('prompt_labels_pkey', ['project_id', 'name', 'label'])
    .execute();
  await db.schema
    .createIndex('prompt_labels_version')
    .on('prompt_labels')
    .columns(['project_id', 'name', 'version'])
    .execute();

  await db.schema
    .createTable('prompt_tags')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('tag', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('prompt_tags_pkey', ['project_id', 'name', 'tag'])
    .execute();

  await db.schema
    .createTable('prompt_references')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('parent_name', 'text', (column) => column.notNull())
    .addColumn('parent_version', 'integer', (column) => column.notNull())
    .addColumn('child_name', 'text', (column) => column.notNull())
    .addColumn('child_label', 'text')
    .addColumn('child_version', 'integer')
    .execute();
  await db.schema
    .createIndex('prompt_references_child')
    .on('prompt_references')
    .columns(['project_id', 'child_name'])
    .execute();

  await db.schema
    .createTable('prompt_settings')
    .addColumn('project_id', 'text', (column) => column.primaryKey())
    .addColumn('protected_labels', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
}
