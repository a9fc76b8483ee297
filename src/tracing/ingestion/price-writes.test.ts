import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SerenoDatabase } from '../../store/open-database.js';
import type { ObservationRecord, TraceWrite } from '../trace-records.js';
import { writeTraceBatch } from '../trace-repository.js';
import { insertModelPrice, type ModelPrice } from './model-price-repository.js';
import { priceWrites } from './price-writes.js';

const projectId = 'p1';
let sequence = 0;

function generation(fields: Partial<ObservationRecord>): TraceWrite {
  return {
    kind: 'observation',
    record: { projectId, id: 'g', traceId: 't', type: 'GENERATION', ...fields },
  };
}

/** What priceWrites adds for observation `id`: its last write, when one was added. */
function added(before: TraceWrite[], after: TraceWrite[]): ObservationRecord | undefined {
  const extra = after.slice(before.length).at(-1);
  return extra?.kind === 'observation' ? extra.record : undefined;
}

function ownPrice(fields: Partial<ModelPrice>): ModelPrice {
  sequence += 1;
  return {
    projectId,
    id: `price-${sequence}`,
    modelName: 'custom',
    matchPattern: '(?i)^custom$',
    unit: 'TOKENS',
    prices: { input: 1, output: 2 },
    createdAt: sequence,
    ...fields,
  };
}

describe('priceWrites', () => {
  let dataDir: string;
  let db: SerenoDatabase;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-price-'));
    db = await openSqliteDatabase(dataDir);
    await insertModelPrice(db, ownPrice({ prices: { input: 1, output: 2 }, startDate: undefined }));
    await insertModelPrice(db, ownPrice({ prices: { input: 10, output: 20 }, startDate: 1_000 }));
    await insertModelPrice(
      db,
      ownPrice({ matchPattern: '^chars$', unit: 'CHARACTERS', prices: { input: 0.5 } }),
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const id = () => `g-${(sequence += 1)}`;

  it('should price usage that comes after the model, from the stored model', async () => {
    const observation = id();
    await writeTraceBatch(db, [generation({ id: observation, model: 'gpt-4o' })], 1);
    const writes = [generation({ id: observation, usageDetails: { input: 100, output: 10 } })];

    const priced = added(writes, await priceWrites(writes, projectId, db));

    // 100 × $0.0000025 + 10 × $0.00001 = $0.00035
    expect(priced?.totalCost).toBeCloseTo(0.00035, 12);
  });

  it('should price a model that comes after the usage, from the stored usage', async () => {
    const observation = id();
    await writeTraceBatch(db, [generation({ id: observation, usageDetails: { input: 4 } })], 1);
    const writes = [generation({ id: observation, model: 'custom', startTime: 500 })];

    const priced = added(writes, await priceWrites(writes, projectId, db));

    // the price that started before the observation: 4 × $1
    expect(priced?.costDetails).toEqual({ input: 4, total: 4 });
  });

  it('should take the project price that started last before the observation', async () => {
    const writes = [
      generation({ id: id(), model: 'CUSTOM', startTime: 2_000, usageDetails: { input: 1 } }),
    ];

    // 1 × $10, from the price that starts at 1,000
    expect(added(writes, await priceWrites(writes, projectId, db))?.totalCost).toBe(10);
  });

  it('should keep a cost that was sent', async () => {
    const writes = [
      generation({ id: id(), model: 'gpt-4o', usageDetails: { input: 5 }, totalCost: 9 }),
    ];

    expect(await priceWrites(writes, projectId, db)).toBe(writes);
  });

  it('should count tokens of a generation sent without usage, then drop the flag when usage comes', async () => {
    const observation = id();
    const create = [generation({ id: observation, model: 'gpt-4o', input: 'hello world' })];
    const counted = await priceWrites(create, projectId, db);
    await writeTraceBatch(db, counted, 1);
    const update = [generation({ id: observation, usageDetails: { input: 3, output: 1 } })];

    const afterCount = added(create, counted);
    const afterUsage = added(update, await priceWrites(update, projectId, db));

    expect(afterCount).toMatchObject({
      usageDetails: { input: 2, output: 0, total: 2 },
      metadata: { usageEstimated: true },
    });
    // 3 × $0.0000025 + 1 × $0.00001 = $0.0000175
    expect(afterUsage?.metadata).toEqual({});
    expect(afterUsage?.totalCost).toBeCloseTo(0.0000175, 12);
  });

  it('should price usage in characters only by a project price in characters', async () => {
    const inChars = [generation({ id: id(), model: 'chars', usageDetails: { input: 10 } })];
    const asTokens = [generation({ id: id(), model: 'gpt-4o', usageDetails: { input: 10 } })];
    const units = (writes: TraceWrite[]) =>
      new Map([[(writes[0]?.record as ObservationRecord).id, 'CHARACTERS' as const]]);

    const chars = added(
      inChars,
      await priceWrites(inChars, projectId, db, { usageUnits: units(inChars) }),
    );
    const tokens = await priceWrites(asTokens, projectId, db, { usageUnits: units(asTokens) });

    // 10 characters × $0.5
    expect(chars?.totalCost).toBe(5);
    expect(tokens).toBe(asTokens);
  });

  it('should leave spans, and observations of other projects, as they are', async () => {
    const writes: TraceWrite[] = [
      {
        kind: 'observation',
        record: { projectId, id: id(), traceId: 't', type: 'SPAN', input: 'text' },
      },
      {
        kind: 'observation',
        record: { projectId: 'other', id: id(), traceId: 't', type: 'GENERATION', input: 'x' },
      },
    ];

    expect(await priceWrites(writes, projectId, db)).toBe(writes);
  });
});
