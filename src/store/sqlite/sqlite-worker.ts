import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryMessage, ResultMessage, SqliteWorkerSettings } from './sqlite-protocol.js';

/**
 * Runs every SQLite statement of the process off the main thread, so that a large batch
 * write or a slow report never stalls the requests in flight.
 */

const settings = workerData as SqliteWorkerSettings;
const database = new Database(settings.filename);
database.pragma('journal_mode = WAL');
database.pragma('synchronous = NORMAL');
database.pragma('busy_timeout = 5000');
database.pragma('foreign_keys = ON');
// A page cache of 16 MB (the default is about 2 MB) keeps the index pages of recent
// traces in memory, where every write touches them, without weighing on the RSS.
database.pragma('cache_size = -16384');
database.pragma('temp_store = MEMORY');

const maxCachedStatements = 256;
const statements = new Map<string, Database.Statement>();

function prepare(sql: string): Database.Statement {
  const cached = statements.get(sql);
  if (cached) return cached;
  const statement = database.prepare(sql);
  statements.set(sql, statement);
  if (statements.size > maxCachedStatements) {
    const oldest = statements.keys().next().value as string;
    statements.delete(oldest);
  }
  return statement;
}

function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

function run(message: QueryMessage): ResultMessage {
  const statement = prepare(message.sql);
  const parameters = message.parameters.map(bindable);
  if (statement.reader) {
    return { id: message.id, ok: true, rows: statement.all(...parameters) };
  }
  const result = statement.run(...parameters);
  return {
    id: message.id,
    ok: true,
    rows: [],
    changes: result.changes,
    lastInsertRowid: Number(result.lastInsertRowid),
  };
}

parentPort?.on('message', (message: QueryMessage | 'close') => {
  if (message === 'close') {
    database.close();
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage(run(message));
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    parentPort?.postMessage({
      id: message.id,
      ok: false,
      message: failure.message ?? String(error),
      code: failure.code,
    } satisfies ResultMessage);
  }
});
