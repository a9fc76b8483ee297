import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';

/** Every migration, in order. A name is never reused or changed once released. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
