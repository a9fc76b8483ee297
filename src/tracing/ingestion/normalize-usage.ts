import { withCostTotal } from '../cost-with-total.js';
import { normalizeUsageDetails } from '../normalize-usage-details.js';
import type { LegacyUsage, RawUsageDetails, UsageUnit } from './ingestion-schema.js';

/** Usage and cost of an ingested observation in Langfuse's `usageDetails` keys. */
export interface NormalizedUsage {
  usageDetails?: Record<string, number>;
  costDetails?: Record<string, number>;
  totalCost?: number;
  /** The legacy `usage.unit`, when it was sent; undefined means tokens. */
  unit?: UsageUnit;
}

/**
 * `usageDetails` in Langfuse's keys. A map with no count at all still says the client
 * counted nothing, so it stands as a zero total rather than leaving the usage to be
 * estimated.
 */
function usageDetailsOf(raw: RawUsageDetails): Record<string, number> {
  return normalizeUsageDetails(raw) ?? { total: 0 };
}

/** Langfuse's `{input, output, total}`, OpenAI's camel case, or its usage passed through. */
function legacyUsageDetails(usage: Partial<LegacyUsage>): Record<string, number> | undefined {
  if (usage.prompt_tokens !== undefined || usage.completion_tokens !== undefined) {
    const { prompt_tokens, completion_tokens, total_tokens } = usage;
    const { prompt_tokens_details, completion_tokens_details } = usage;
    return normalizeUsageDetails({
      prompt_tokens,
      completion_tokens,
      total_tokens,
      prompt_tokens_details,
      completion_tokens_details,
    });
  }
  return normalizeUsageDetails({
    input: usage.input ?? usage.promptTokens,
    output: usage.output ?? usage.completionTokens,
    total: usage.total ?? usage.totalTokens ?? usage.total_tokens,
  });
}

function legacyCostDetails(usage: Partial<LegacyUsage>): Record<string, number> | undefined {
  const costs: Record<string, number> = {};
  if (usage.inputCost !== undefined) costs.input = usage.inputCost;
  if (usage.outputCost !== undefined) costs.output = usage.outputCost;
  if (usage.totalCost !== undefined) costs.total = usage.totalCost;
  return Object.keys(costs).length > 0 ? costs : undefined;
}

function cleanCosts(costs: Record<string, number | null>): Record<string, number> | undefined {
  const clean: Record<string, number> = {};
  for (const [key, value] of Object.entries(costs)) {
    if (value !== null) clean[key] = value;
  }
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/**
 * Reads every usage shape the Langfuse SDKs send into Langfuse's `usageDetails` and
 * `costDetails` keys. `usageDetails` and `costDetails` win over the legacy `usage`.
 */
export function normalizeUsage(body: {
  usage?: Partial<LegacyUsage>;
  usageDetails?: RawUsageDetails;
  costDetails?: Record<string, number | null>;
}): NormalizedUsage {
  const normalized: NormalizedUsage = {};
  const usageDetails = body.usageDetails
    ? usageDetailsOf(body.usageDetails)
    : body.usage && legacyUsageDetails(body.usage);
  if (usageDetails) normalized.usageDetails = usageDetails;

  const costs =
    (body.costDetails && cleanCosts(body.costDetails)) ??
    (body.usage && legacyCostDetails(body.usage));
  if (costs) Object.assign(normalized, withCostTotal(costs));
  if (body.usage?.unit) normalized.unit = body.usage.unit;
  return normalized;
}
