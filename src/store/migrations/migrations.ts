import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as apiKeys from './0002-api-keys.js';
import * as scores from './0003-scores.js';
import * as ingestion from './0004-ingestion.js';
import * as readIndexes from './0005-read-indexes.js';
import * as prompts from './0006-prompts.js';
import * as keyRoles from './0007-key-roles.js';

/** Every migration, in order. A name is never reused or changed once released. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_api_keys': apiKeys,
  '0003_scores': scores,
  '0004_ingestion': ingestion,
  '0005_read_indexes': readIndexes,
  '0006_prompts': prompts,
  '0007_key_roles': keyRoles,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
