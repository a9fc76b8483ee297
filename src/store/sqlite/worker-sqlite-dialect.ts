import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { QueryMessage, ResultMessage, SqliteWorkerSettings } from './sqlite-protocol.js';

/** An error raised by SQLite in the worker, with its code (such as SQLITE_CONSTRAINT). */
export class SqliteError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SqliteError';
    this.code = code;
  }
}

function startWorker(settings: SqliteWorkerSettings): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./sqlite-worker.js', import.meta.url), { workerData: settings });
  }
  // Run from TypeScript sources (tests, `npm run dev`): load the worker through tsx.
  const entry = new URL('./sqlite-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: settings });
}

/** The one connection to the worker; statements run in the order they are sent. */
class WorkerConnection implements DatabaseConnection {
  private nextId = 1;
  private readonly pending = new Map<number, (result: ResultMessage) => void>();

  constructor(private readonly worker: Worker) {
    worker.on('message', (result: ResultMessage) => {
      const resolve = this.pending.get(result.id);
      this.pending.delete(result.id);
      resolve?.(result);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new Error('The SQLite worker stopped.')));
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.nextId++;
    const message: QueryMessage = {
      id,
      sql: compiledQuery.sql,
      parameters: compiledQuery.parameters,
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, (result) => {
        if (!result.ok) return reject(new SqliteError(result.message, result.code));
        resolve({
          rows: result.rows as R[],
          numAffectedRows: result.changes === undefined ? undefined : BigInt(result.changes),
          insertId:
            result.lastInsertRowid === undefined ? undefined : BigInt(result.lastInsertRowid),
        });
      });
      this.worker.postMessage(message);
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.executeQuery<R>(compiledQuery);
    for (const row of result.rows) yield { rows: [row] };
  }

  private failAll(error: Error): void {
    for (const resolve of this.pending.values()) {
      resolve({ id: 0, ok: false, message: error.message });
    }
    this.pending.clear();
  }
}

/** Hands out the single connection to one holder at a time, as SQLite has one writer. */
class WorkerSqliteDriver implements Driver {
  private worker: Worker | undefined;
  private connection: WorkerConnection | undefined;
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly settings: SqliteWorkerSettings) {}

  async init(): Promise<void> {
    this.worker = startWorker(this.settings);
    this.connection = new WorkerConnection(this.worker);
    await this.connection.executeQuery(CompiledQuery.raw('select 1'));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection as WorkerConnection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    worker.postMessage('close');
    await once(worker, 'exit');
  }
}

/** SQLite for Kysely, with every statement run on a worker thread. */
export class WorkerSqliteDialect implements Dialect {
  constructor(private readonly settings: SqliteWorkerSettings) {}

  createDriver(): Driver {
    return new WorkerSqliteDriver(this.settings);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
