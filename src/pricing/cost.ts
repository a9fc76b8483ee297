import type { ModelPrices } from './model-prices.js';
import type { TokenUsage } from './token-usage.js';

/** Cost in USD per usage bucket, in Langfuse's `costDetails` keys, and their total. */
export interface CostBreakdown {
  details: Record<string, number>;
  total: number;
  /** False when the model has no input or output price, so the total is not the real cost. */
  priced: boolean;
}

/**
 * Prices normalised usage. Cache buckets fall back to the input price and reasoning is
 * billed at the output price, as every provider here bills them.
 *
 * One flat price per bucket cannot express every tariff, so the cost is too low when:
 * - a prompt crosses a long-context threshold that reprices the whole request (Gemini 2.5
 *   Pro and 3 Pro above 200k tokens, Claude Sonnet 4 and 4.5 above 200k, GPT-5.4 and later
 *   above 272k, Grok 4 above 128k);
 * - a cache write uses the longer retention (Anthropic's 1-hour writes cost 2x input, not
 *   the 5-minute 1.25x in the table; OpenAI's 12-hour writes likewise);
 * - the request ran on a dearer service tier (priority, fast, Azure Data Zone or Regional);
 * - Gemini was sent audio, which has its own input price.
 * Batch and flex requests are billed at about half and show as too high. Set the prices on
 * the deployment's `model_info` to correct a model whose traffic is mostly in such a tier.
 */
export function computeCost(usage: TokenUsage, prices: ModelPrices): CostBreakdown {
  const inputPrice = prices.input_cost_per_token ?? 0;
  const outputPrice = prices.output_cost_per_token ?? 0;
  const cacheReadPrice = prices.cache_read_input_token_cost ?? inputPrice;
  const cacheWritePrice = prices.cache_creation_input_token_cost ?? inputPrice;

  const details: Record<string, number> = {
    input: usage.inputTokens * inputPrice,
    output: (usage.outputTokens - usage.reasoningTokens) * outputPrice,
  };
  if (usage.cacheReadTokens > 0) details.input_cache_read = usage.cacheReadTokens * cacheReadPrice;
  if (usage.cacheWriteTokens > 0) {
    details.input_cache_creation = usage.cacheWriteTokens * cacheWritePrice;
  }
  if (usage.reasoningTokens > 0) details.output_reasoning = usage.reasoningTokens * outputPrice;

  const total = Object.values(details).reduce((sum, value) => sum + value, 0);
  details.total = total;
  const priced =
    prices.input_cost_per_token !== undefined || prices.output_cost_per_token !== undefined;
  return { details, total, priced };
}

/**
 * A cost as plain decimal text for a header: at most 12 decimals, no exponent, no float
 * noise (0.000435, not 0.00043499999999999995 or 4.35e-4).
 */
export function formatUsd(cost: number): string {
  if (!Number.isFinite(cost) || cost <= 0) return '0';
  const text = cost.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return text === '0' ? cost.toExponential(3) : text;
}
