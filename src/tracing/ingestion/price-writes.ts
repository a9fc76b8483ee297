import type { PriceTable } from '../../pricing/price-table.js';
import type { SerenoDatabase } from '../../store/open-database.js';
import { systemClock, type Clock } from '../../time/clock.js';
import type { ObservationRecord, TraceWrite } from '../trace-records.js';
import { costFromPrices } from './cost-from-prices.js';
import { countInputOutputTokens } from './count-io-tokens.js';
import type { UsageUnit } from './ingestion-schema.js';
import { bundledPriceTable, findBundledPrices, matchModelPrice } from './match-model-price.js';
import { listModelPrices, type ModelPrice } from './model-price-repository.js';
import {
  findStoredInputOutput,
  findStoredObservations,
  type StoredObservation,
} from './stored-observations.js';

export interface PriceWritesOptions {
  /** The bundled table; loaded once on first use when not given. */
  priceTable?: PriceTable;
  /** The unit of an observation's usage by id, when it is not tokens (legacy `usage.unit`). */
  usageUnits?: ReadonlyMap<string, UsageUnit>;
  clock?: Clock;
}

/** The metadata key that says Sereno counted an observation's tokens itself. */
export const usageEstimatedKey = 'usageEstimated';

/** What a batch says of one observation, its writes merged in order. */
type BatchObservation = ObservationRecord;

interface UsagePlan {
  record: BatchObservation;
  stored: StoredObservation | undefined;
  usage?: Record<string, number>;
  /** Tokens must be counted from the merged input and output. */
  count: boolean;
  /** The usage differs from what is stored, so the cost must follow it. */
  usageChanged: boolean;
}

function mergeObservationWrites(
  writes: TraceWrite[],
  projectId: string,
): Map<string, BatchObservation> {
  const merged = new Map<string, BatchObservation>();
  for (const write of writes) {
    if (write.kind !== 'observation' || write.record.projectId !== projectId) continue;
    const previous = merged.get(write.record.id);
    if (!previous) {
      merged.set(write.record.id, { ...write.record });
      continue;
    }
    for (const [field, value] of Object.entries(write.record)) {
      if (value !== undefined) (previous as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function wasEstimated(metadata: unknown): boolean {
  return isRecord(metadata) && metadata[usageEstimatedKey] === true;
}

function planUsage(record: BatchObservation, stored: StoredObservation | undefined): UsagePlan {
  const plan: UsagePlan = { record, stored, count: false, usageChanged: false };
  const storedIsReal = stored?.usageDetails !== undefined && !wasEstimated(stored.metadata);
  if (record.usageDetails) {
    return { ...plan, usage: record.usageDetails, usageChanged: true };
  }
  if (storedIsReal) return { ...plan, usage: stored?.usageDetails };
  const ioChanged = record.input !== undefined || record.output !== undefined;
  if (record.type === 'GENERATION' && ioChanged) {
    return { ...plan, count: true, usageChanged: true };
  }
  return { ...plan, usage: stored?.usageDetails };
}

/** The metadata to write: the flag added when tokens were counted, dropped when real usage came. */
function metadataAfter(plan: UsagePlan): unknown {
  const current = plan.record.metadata ?? plan.stored?.metadata;
  if (plan.count) {
    const base = current === undefined ? {} : isRecord(current) ? current : { value: current };
    return { ...base, [usageEstimatedKey]: true };
  }
  if (plan.record.metadata === undefined && wasEstimated(plan.stored?.metadata)) {
    const { [usageEstimatedKey]: _dropped, ...rest } = plan.stored?.metadata as Record<
      string,
      unknown
    >;
    return rest;
  }
  return undefined;
}

interface PricingContext {
  projectPrices: readonly ModelPrice[];
  priceTable: PriceTable;
  usageUnits: ReadonlyMap<string, UsageUnit>;
  now: number;
}

function pricesFor(plan: UsagePlan, model: string, context: PricingContext) {
  const unit = context.usageUnits.get(plan.record.id) ?? 'TOKENS';
  const at = plan.record.startTime ?? plan.stored?.startTime ?? context.now;
  const own = matchModelPrice(context.projectPrices, model, at, unit);
  if (own) return own.prices;
  return unit === 'TOKENS' ? findBundledPrices(context.priceTable, model) : undefined;
}

/** Whether the batch leaves the cost to Sereno: it sent none, and none stands apart from usage. */
function shouldPrice(plan: UsagePlan): boolean {
  const { record, stored } = plan;
  if (record.costDetails !== undefined || record.totalCost !== undefined) return false;
  const clientCostStored = stored?.costDetails !== undefined && stored.usageDetails === undefined;
  return !clientCostStored && (plan.usageChanged || record.model !== undefined);
}

function modelOf(plan: UsagePlan): string | undefined {
  return plan.record.model ?? plan.stored?.model;
}

function needsPrice(plan: UsagePlan): boolean {
  return modelOf(plan) !== undefined && plan.usage !== undefined && shouldPrice(plan);
}

/** One write with what Sereno adds to an observation; undefined when it adds nothing. */
function pricedWrite(plan: UsagePlan, context: PricingContext): ObservationRecord | undefined {
  const { record } = plan;
  const added: Partial<ObservationRecord> = {};
  if (plan.count) added.usageDetails = plan.usage;
  const metadata = metadataAfter(plan);
  if (metadata !== undefined) added.metadata = metadata;

  const model = modelOf(plan);
  if (model && plan.usage && needsPrice(plan)) {
    const prices = pricesFor(plan, model, context);
    const cost = prices && costFromPrices(plan.usage, prices);
    if (cost) {
      added.costDetails = cost.details;
      added.totalCost = cost.total;
    }
  }
  if (Object.keys(added).length === 0) return undefined;
  return {
    projectId: record.projectId,
    id: record.id,
    traceId: record.traceId,
    type: record.type,
    ...added,
  };
}

async function countTokens(
  plans: UsagePlan[],
  db: SerenoDatabase,
  projectId: string,
): Promise<void> {
  const counted = plans.filter((plan) => plan.count);
  if (counted.length === 0) return;
  const stored = await findStoredInputOutput(
    db,
    projectId,
    counted.map((plan) => plan.record.id),
  );
  for (const plan of counted) {
    const io = stored.get(plan.record.id);
    plan.usage = countInputOutputTokens(
      plan.record.input ?? io?.input,
      plan.record.output ?? io?.output,
    );
  }
}

/**
 * Completes the usage and cost of the observations among `writes`, in the same way for
 * every way traces come in. Each observation is judged on what is stored merged with what
 * the batch says, since usage and model often come in different events:
 *
 * - usage sent in any shape is kept; a generation sent with neither usage nor stored usage
 *   has its input and output tokens counted, and its metadata says `usageEstimated: true`
 *   until real usage comes (metadata that is not an object is kept under `value`);
 * - a cost sent is kept; otherwise usage with a model is priced by the project's own model
 *   prices (Langfuse's models API) first, then the bundled table by model name alone.
 *
 * Returns the writes with one more write per observation whose usage or cost changed. Reads
 * the store: writes still queued in the trace writer are not seen.
 */
export async function priceWrites(
  writes: TraceWrite[],
  projectId: string,
  db: SerenoDatabase,
  options: PriceWritesOptions = {},
): Promise<TraceWrite[]> {
  const batch = mergeObservationWrites(writes, projectId);
  if (batch.size === 0) return writes;
  const stored = await findStoredObservations(db, projectId, [...batch.keys()]);
  const plans = [...batch.values()].map((record) => planUsage(record, stored.get(record.id)));
  await countTokens(plans, db, projectId);

  const context: PricingContext = {
    projectPrices: plans.some(needsPrice) ? await listModelPrices(db, projectId) : [],
    priceTable: options.priceTable ?? bundledPriceTable(),
    usageUnits: options.usageUnits ?? new Map(),
    now: (options.clock ?? systemClock).now(),
  };
  const priced = plans.flatMap((plan) => {
    const write = pricedWrite(plan, context);
    return write ? [{ kind: 'observation' as const, record: write }] : [];
  });
  return priced.length > 0 ? [...writes, ...priced] : writes;
}
