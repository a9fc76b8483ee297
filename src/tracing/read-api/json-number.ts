import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { SerenoDatabase } from '../../store/open-database.js';

/**
 * A number under a top-level key of a JSON text column, null when absent. The one place
 * where the read queries need each dialect's own words: SQLite's `json_extract`, and on
 * PostgreSQL a cast to jsonb and `->>` (not yet run against a PostgreSQL store).
 */
export function jsonNumber(db: SerenoDatabase, column: string, key: string): RawBuilder<number> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return sql<number>`cast(cast(${sql.ref(column)} as jsonb) ->> ${key} as double precision)`;
  }
  return sql<number>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}
