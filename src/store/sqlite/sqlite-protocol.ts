/** Messages between the store and its SQLite worker thread. */

export interface SqliteWorkerSettings {
  filename: string;
}

export interface QueryMessage {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ResultMessage =
  | {
      id: number;
      ok: true;
      rows: unknown[];
      changes?: number;
      lastInsertRowid?: number;
    }
  | { id: number; ok: false; message: string; code?: string };
