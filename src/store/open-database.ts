import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, Migrator } from 'kysely';
import type { Database } from './database-schema.js';
import { migrationProvider } from './migrations/migrations.js';
import { WorkerSqliteDialect } from './sqlite/worker-sqlite-dialect.js';

export type SerenoDatabase = Kysely<Database>;

/** Opens the embedded SQLite database in the data directory and brings its schema up to date. */
export async function openSqliteDatabase(dataDir: string): Promise<SerenoDatabase> {
  await mkdir(dataDir, { recursive: true });
  const db = new Kysely<Database>({
    dialect: new WorkerSqliteDialect({ filename: join(dataDir, 'sereno.db') }),
  });
  await migrate(db);
  return db;
}

/** Applies every migration not yet applied; a failure leaves the schema as it was. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
  }
}
