import { loadBundledPriceTable, type PriceTable } from '../../pricing/price-table.js';
import { usagePricesOf, type UsagePrices } from './cost-from-prices.js';
import type { UsageUnit } from './ingestion-schema.js';
import type { ModelPrice } from './model-price-repository.js';

/**
 * Langfuse writes a case-insensitive pattern as `(?i)^name$`, an inline flag JavaScript
 * does not read: it is dropped, and every pattern is matched case-insensitively.
 */
export function compileMatchPattern(pattern: string): RegExp {
  return new RegExp(pattern.replace(/^\(\?i\)/, ''), 'i');
}

function matches(price: ModelPrice, model: string): boolean {
  try {
    return compileMatchPattern(price.matchPattern).test(model);
  } catch {
    return false;
  }
}

/**
 * The project's price for a model at a time: among the prices whose pattern matches, whose
 * unit is the usage's and whose start date has passed, the one that started last (and of
 * those, the one created last).
 */
export function matchModelPrice(
  prices: readonly ModelPrice[],
  model: string,
  at: number,
  unit: UsageUnit,
): ModelPrice | undefined {
  const candidates = prices.filter(
    (price) => price.unit === unit && (price.startDate ?? -Infinity) <= at && matches(price, model),
  );
  candidates.sort(
    (a, b) => (b.startDate ?? -Infinity) - (a.startDate ?? -Infinity) || b.createdAt - a.createdAt,
  );
  return candidates[0];
}

/** A model's own vendor first: a name both OpenAI and Azure serve takes OpenAI's price. */
const providersByPrecedence = [
  'openai',
  'anthropic',
  'gemini',
  'mistral',
  'xai',
  'deepseek',
  'groq',
  'azure',
];

let bundledTable: PriceTable | undefined;

/** The bundled price table, loaded and checked once. */
export function bundledPriceTable(): PriceTable {
  bundledTable ??= loadBundledPriceTable();
  return bundledTable;
}

/**
 * A model's prices in the bundled table by its name alone (`gpt-4o`, `claude-sonnet-4-5`,
 * or `provider/model`), case-insensitively, with a date suffix cut when the dated name is
 * not listed. Undefined when no provider lists it or it has no token prices.
 */
export function findBundledPrices(table: PriceTable, model: string): UsagePrices | undefined {
  for (const provider of providersByPrecedence) {
    const prices = table.find(provider, model);
    if (!prices) continue;
    const byKey = usagePricesOf(prices);
    return Object.keys(byKey).length > 0 ? byKey : undefined;
  }
  return undefined;
}
