import type { SerenoDatabase } from '../../store/open-database.js';

/** Ids per query: far below SQLite's limit of bound values, and PostgreSQL's. */
const idsPerQuery = 500;

/** The event ids among `eventIds` that a project has already applied. */
export async function findReceipts(
  db: SerenoDatabase,
  projectId: string,
  eventIds: string[],
): Promise<Set<string>> {
  const applied = new Set<string>();
  for (let start = 0; start < eventIds.length; start += idsPerQuery) {
    const rows = await db
      .selectFrom('ingestion_receipts')
      .select('event_id')
      .where('project_id', '=', projectId)
      .where('event_id', 'in', eventIds.slice(start, start + idsPerQuery))
      .execute();
    for (const row of rows) applied.add(row.event_id);
  }
  return applied;
}

/**
 * Event ids being applied right now. A batch waits for any other batch that carries one
 * of its events, so that the receipt check and the write of an event never interleave
 * with a replay of it.
 */
export class InFlightEvents {
  private readonly pending = new Map<string, Promise<void>>();

  /** Waits until none of the keys is in flight, then holds them until `release` is called. */
  async claim(keys: string[]): Promise<() => void> {
    for (;;) {
      const busy = keys.flatMap((key) => this.pending.get(key) ?? []);
      if (busy.length === 0) break;
      await Promise.allSettled(busy);
    }
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (const key of keys) this.pending.set(key, done);
    return () => {
      for (const key of keys) if (this.pending.get(key) === done) this.pending.delete(key);
      release();
    };
  }
}
