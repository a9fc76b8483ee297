import { withCostTotal, type CostWithTotal } from '../cost-with-total.js';
import { normalizeUsageDetails, type RawUsageCounts } from '../normalize-usage-details.js';
import type { Attributes } from './otlp-model.js';
import { genAiAttributes, langfuseAttributes } from './span-attribute-names.js';
import { numberAttribute, objectAttribute, toNumber } from './span-attributes.js';

/** A JSON count may be a number or numeric text, in the usage object and in its breakdowns. */
function countsOf(provided: Record<string, unknown>): RawUsageCounts {
  const counts: RawUsageCounts = {};
  for (const [key, value] of Object.entries(provided)) {
    counts[key] =
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([name, raw]) => [name, toNumber(raw)]))
        : toNumber(value);
  }
  return counts;
}

/**
 * Usage the SDK was given (`usageDetails`), in Langfuse's keys, as `normalizeUsageDetails`
 * reads it once numeric text is taken as numbers.
 */
export function normaliseUsageDetails(
  provided: Record<string, unknown>,
): Record<string, number> | undefined {
  return normalizeUsageDetails(countsOf(provided));
}

/**
 * Usage from `gen_ai.usage.*`. The conventions count cache reads and writes inside
 * `input_tokens` and reasoning inside `output_tokens`, as OpenAI's breakdowns do; they are
 * taken out, so that `input`, `input_cache_read`, `input_cache_creation`, `output` and
 * `output_reasoning` are disjoint and sum to `total`, as Sereno stores usage everywhere.
 */
export function genAiUsageDetails(attributes: Attributes): Record<string, number> | undefined {
  const input = numberAttribute(attributes, ...genAiAttributes.inputTokens);
  const output = numberAttribute(attributes, ...genAiAttributes.outputTokens);
  const total = numberAttribute(attributes, ...genAiAttributes.totalTokens);
  if (input === undefined && output === undefined && total === undefined) return undefined;

  return normalizeUsageDetails({
    input,
    output,
    total,
    input_tokens_details: {
      cached_tokens: numberAttribute(attributes, ...genAiAttributes.cacheReadTokens),
      cache_creation_tokens: numberAttribute(attributes, ...genAiAttributes.cacheWriteTokens),
    },
    output_tokens_details: {
      reasoning_tokens: numberAttribute(attributes, ...genAiAttributes.reasoningTokens),
    },
  });
}

/** A span's usage: what the Langfuse SDK set, else what the GenAI conventions say. */
export function usageDetailsOf(attributes: Attributes): Record<string, number> | undefined {
  const provided = objectAttribute(attributes, langfuseAttributes.usageDetails);
  if (provided) return normaliseUsageDetails(provided);
  return genAiUsageDetails(attributes);
}

function isAmount(value: number | undefined): value is number {
  return value !== undefined && value >= 0;
}

/** A cost the client computed itself (`costDetails`, or `gen_ai.usage.cost` in USD). */
export function costOf(attributes: Attributes): CostWithTotal | undefined {
  const provided = objectAttribute(attributes, langfuseAttributes.costDetails);
  const details: Record<string, number> = {};
  for (const [key, raw] of Object.entries(provided ?? {})) {
    const amount = toNumber(raw);
    if (isAmount(amount)) details[key] = amount;
  }
  const genAiCost = numberAttribute(attributes, genAiAttributes.cost);
  if (Object.keys(details).length === 0 && isAmount(genAiCost)) details.total = genAiCost;
  return Object.keys(details).length > 0 ? withCostTotal(details) : undefined;
}
