import type { Kysely } from 'kysely';

/** Key pairs of projects: the public key as sent, the secret key only as its SHA-256. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('public_key', 'text', (column) => column.notNull().unique())
    .addColumn('secret_key_hash', 'text', (column) => column.notNull().unique())
    .addColumn('secret_key_hint', 'text', (column) => column.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('api_keys_project').on('api_keys').column('project_id').execute();
}
