import type { Kysely } from 'kysely';

/**
 * What Langfuse-style ingestion needs beside the traces: a project's own model prices
 * (Langfuse's models API) and a receipt per ingested event, written in the same
 * transaction as the event's data, so that a replayed batch changes nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_prices')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('match_pattern', 'text', (column) => column.notNull())
    .addColumn('start_date', 'bigint')
    .addColumn('unit', 'text', (column) => column.notNull())
    .addColumn('prices', 'text', (column) => column.notNull())
    .addColumn('tokenizer_id', 'text')
    .addColumn('tokenizer_config', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('model_prices_pkey', ['project_id', 'id'])
    .execute();

  await db.schema
    .createTable('ingestion_receipts')
    .addColumn('project_id', 'text', (column) => column.notNull())
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('ingestion_receipts_pkey', ['project_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('ingestion_receipts_created')
    .on('ingestion_receipts')
    .column('created_at')
    .execute();
}
