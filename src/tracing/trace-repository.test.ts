import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SerenoDatabase } from '../store/open-database.js';
import { findTrace, maxStoredBodyChars, writeTraceBatch } from './trace-repository.js';

describe('writeTraceBatch', () => {
  let dataDir: string;
  let db: SerenoDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-repo-'));
    db = await openSqliteDatabase(dataDir);
  });

  afterAll(async () => {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should merge writes of one id field by field, in one batch and across batches', async () => {
    await writeTraceBatch(
      db,
      [
        {
          kind: 'trace',
          record: { projectId: 'p', id: 't1', name: 'first', userId: 'u1', timestamp: 500 },
        },
        { kind: 'trace', record: { projectId: 'p', id: 't1', output: { answer: 42 } } },
      ],
      1000,
    );
    await writeTraceBatch(
      db,
      [{ kind: 'trace', record: { projectId: 'p', id: 't1', name: 'renamed' } }],
      2000,
    );

    const found = await findTrace(db, 'p', 't1');
    expect(found?.trace).toMatchObject({
      name: 'renamed',
      user_id: 'u1',
      output: '{"answer":42}',
      timestamp: 500,
      created_at: 1000,
    });
  });

  it('should keep traces of different projects apart', async () => {
    await writeTraceBatch(
      db,
      [{ kind: 'trace', record: { projectId: 'other', id: 't1', name: 'theirs' } }],
      3000,
    );
    expect((await findTrace(db, 'p', 't1'))?.trace.name).toBe('renamed');
    expect((await findTrace(db, 'other', 't1'))?.trace.name).toBe('theirs');
  });

  it('should store observations and scores with their trace', async () => {
    await writeTraceBatch(
      db,
      [
        {
          kind: 'observation',
          record: {
            projectId: 'p',
            id: 'o1',
            traceId: 't1',
            type: 'GENERATION',
            model: 'gpt-4o',
            totalCost: 0.5,
          },
        },
        {
          kind: 'score',
          record: {
            projectId: 'p',
            id: 's1',
            traceId: 't1',
            name: 'quality',
            dataType: 'NUMERIC',
            source: 'API',
            value: 0.9,
          },
        },
        {
          kind: 'score',
          record: {
            projectId: 'p',
            id: 's1',
            traceId: 't1',
            name: 'quality',
            dataType: 'NUMERIC',
            source: 'API',
            comment: 'good',
          },
        },
      ],
      4000,
    );
    const found = await findTrace(db, 'p', 't1');
    expect(found?.observations.map((o) => o.id)).toEqual(['o1']);
    expect(found?.scores).toHaveLength(1);
    expect(found?.scores[0]).toMatchObject({ value: 0.9, comment: 'good' });
  });
});

describe('writeTraceBatch with a runaway body', () => {
  it('should keep only the start of a body past the stored size, marked as cut', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sereno-repo-big-'));
    const db = await openSqliteDatabase(dataDir);
    const huge = 'z'.repeat(maxStoredBodyChars + 10);
    await writeTraceBatch(
      db,
      [{ kind: 'trace', record: { projectId: 'p', id: 'big', output: huge } }],
      1,
    );
    const found = await findTrace(db, 'p', 'big');
    const stored = JSON.parse(found!.trace.output!) as {
      sereno_truncated: boolean;
      characters: number;
      start: string;
    };
    expect(stored.sereno_truncated).toBe(true);
    // The JSON text of the string: its characters and two quotes.
    expect(stored.characters).toBe(maxStoredBodyChars + 12);
    expect(stored.start.length).toBe(10_000);
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });
});
