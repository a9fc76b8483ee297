import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database as Schema } from '../../src/store/database-schema.js';
import { migrationProvider } from '../../src/store/migrations/migrations.js';

describe('migration 0007, key roles', () => {
  let db: Kysely<Schema> | undefined;

  afterEach(async () => {
    await db?.destroy();
  });

  it('should make stored pairs members, except those Sereno made together with their project', async () => {
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0006_prompts')).error).toBeUndefined();
    const notes = [
      'created with the project',
      'made with sereno projects create',
      'made with sereno projects keys',
      'declared at startup',
      null,
    ];
    await db
      .insertInto('api_keys')
      .values(
        notes.map((note, index) => ({
          id: `key-${index}`,
          project_id: 'p',
          public_key: `pk-${index}`,
          secret_key_hash: `hash-${index}`,
          secret_key_hint: '…',
          note,
          created_at: index,
        })),
      )
      .execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await db.selectFrom('api_keys').select(['id', 'role']).orderBy('id').execute();

    expect(rows.map((row) => row.role)).toEqual(['admin', 'admin', 'member', 'member', 'member']);
  });
});
