import type { CostBreakdown } from '../../pricing/cost.js';
import type { ModelPrices } from '../../pricing/model-prices.js';

/** USD per unit by usage key (`input`, `output`, `input_cache_read`, ..., or `total`). */
export type UsagePrices = Record<string, number>;

/** The bundled table's prices as prices by usage key. */
export function usagePricesOf(prices: ModelPrices): UsagePrices {
  const byKey: UsagePrices = {};
  if (prices.input_cost_per_token !== undefined) byKey.input = prices.input_cost_per_token;
  if (prices.output_cost_per_token !== undefined) byKey.output = prices.output_cost_per_token;
  if (prices.cache_read_input_token_cost !== undefined) {
    byKey.input_cache_read = prices.cache_read_input_token_cost;
  }
  if (prices.cache_creation_input_token_cost !== undefined) {
    byKey.input_cache_creation = prices.cache_creation_input_token_cost;
  }
  return byKey;
}

/** A key's own price, else its side's: cache and audio input at the input price, reasoning at the output price. */
function priceOf(key: string, prices: UsagePrices): number | undefined {
  if (prices[key] !== undefined) return prices[key];
  if (key.startsWith('input_')) return prices.input;
  if (key.startsWith('output_')) return prices.output;
  return undefined;
}

/**
 * Prices usage details key by key, as Langfuse prices them, with Sereno's fallbacks for
 * keys that have no price of their own. A model priced only per total unit (`total`
 * alone) is billed on the total. Undefined when no key has a price.
 */
export function costFromPrices(
  usageDetails: Record<string, number>,
  prices: UsagePrices,
): CostBreakdown | undefined {
  const onlyTotal = Object.keys(prices).every((key) => key === 'total');
  if (onlyTotal) {
    if (prices.total === undefined || usageDetails.total === undefined) return undefined;
    const total = usageDetails.total * prices.total;
    return { details: { total }, total, priced: true };
  }

  const details: Record<string, number> = {};
  for (const [key, count] of Object.entries(usageDetails)) {
    if (key === 'total') continue;
    const price = priceOf(key, prices);
    if (price !== undefined) details[key] = count * price;
  }
  if (Object.keys(details).length === 0) return undefined;
  const total = Object.values(details).reduce((sum, cost) => sum + cost, 0);
  return { details: { ...details, total }, total, priced: true };
}
