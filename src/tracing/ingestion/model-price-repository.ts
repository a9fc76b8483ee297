import type { Selectable } from 'kysely';
import type { ModelPricesTable } from '../../store/database-schema.js';
import type { SerenoDatabase } from '../../store/open-database.js';
import type { UsagePrices } from './cost-from-prices.js';
import type { UsageUnit } from './ingestion-schema.js';

/** A project's own price of a model, as Langfuse's models API defines one. */
export interface ModelPrice {
  projectId: string;
  id: string;
  modelName: string;
  /** A regular expression matched against an observation's model, case-insensitively. */
  matchPattern: string;
  /** Epoch ms from which the price applies; undefined for always. */
  startDate?: number;
  unit: UsageUnit;
  prices: UsagePrices;
  tokenizerId?: string;
  tokenizerConfig?: unknown;
  createdAt: number;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromRow(row: Selectable<ModelPricesTable>): ModelPrice {
  return {
    projectId: row.project_id,
    id: row.id,
    modelName: row.model_name,
    matchPattern: row.match_pattern,
    startDate: row.start_date === null ? undefined : Number(row.start_date),
    unit: row.unit as UsageUnit,
    prices: (parseJson(row.prices) as UsagePrices | undefined) ?? {},
    tokenizerId: row.tokenizer_id ?? undefined,
    tokenizerConfig: parseJson(row.tokenizer_config),
    createdAt: Number(row.created_at),
  };
}

export async function insertModelPrice(db: SerenoDatabase, price: ModelPrice): Promise<void> {
  await db
    .insertInto('model_prices')
    .values({
      project_id: price.projectId,
      id: price.id,
      model_name: price.modelName,
      match_pattern: price.matchPattern,
      start_date: price.startDate ?? null,
      unit: price.unit,
      prices: JSON.stringify(price.prices),
      tokenizer_id: price.tokenizerId ?? null,
      tokenizer_config:
        price.tokenizerConfig === undefined ? null : JSON.stringify(price.tokenizerConfig),
      created_at: price.createdAt,
    })
    .execute();
}

/** Every price of a project, oldest first. */
export async function listModelPrices(
  db: SerenoDatabase,
  projectId: string,
  page: { limit: number; offset: number } = { limit: -1, offset: 0 },
): Promise<ModelPrice[]> {
  let query = db
    .selectFrom('model_prices')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id');
  if (page.limit >= 0) query = query.limit(page.limit).offset(page.offset);
  return (await query.execute()).map(fromRow);
}

export async function countModelPrices(db: SerenoDatabase, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('model_prices')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findModelPrice(
  db: SerenoDatabase,
  projectId: string,
  id: string,
): Promise<ModelPrice | undefined> {
  const row = await db
    .selectFrom('model_prices')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Deletes one price; false when the project has none with that id. */
export async function deleteModelPrice(
  db: SerenoDatabase,
  projectId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('model_prices')
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
