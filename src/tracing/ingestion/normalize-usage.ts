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
 * Other names SDKs and integrations give to Sereno's usage keys. Sereno's keys are
 * disjoint buckets: `input` holds no cached tokens and `output` no reasoning tokens.
 */
const keyAliases: Record<string, string> = {
  prompt_tokens: 'input',
  input_tokens: 'input',
  promptTokens: 'input',
  completion_tokens: 'output',
  output_tokens: 'output',
  completionTokens: 'output',
  total_tokens: 'total',
  totalTokens: 'total',
  cache_read_input_tokens: 'input_cache_read',
  input_cached_tokens: 'input_cache_read',
  input_cache_read_tokens: 'input_cache_read',
  cache_creation_input_tokens: 'input_cache_creation',
  input_cache_creation_tokens: 'input_cache_creation',
  input_cache_write: 'input_cache_creation',
  output_reasoning_tokens: 'output_reasoning',
  reasoning_tokens: 'output_reasoning',
};

/** Keys of OpenAI's `*_tokens_details`, as the buckets they break out of input or output. */
const detailKeys: Record<string, string> = {
  cached_tokens: 'cache_read',
  cache_creation_tokens: 'cache_creation',
  reasoning_tokens: 'reasoning',
  audio_tokens: 'audio',
};

function detailKey(side: 'input' | 'output', key: string): string {
  return `${side}_${detailKeys[key] ?? key.replace(/_tokens$/, '')}`;
}

/** Moves each detail out of its side's count, so no token is in two buckets. */
function breakOut(
  details: Record<string, number>,
  side: 'input' | 'output',
  breakdown: Record<string, number | null> | undefined,
): void {
  for (const [key, count] of Object.entries(breakdown ?? {})) {
    if (!count) continue;
    const bucket = detailKey(side, key);
    details[bucket] = (details[bucket] ?? 0) + count;
    details[side] = Math.max(0, (details[side] ?? 0) - count);
  }
}

function withTotal(details: Record<string, number>): Record<string, number> {
  if (details.total !== undefined) return details;
  const sum = Object.values(details).reduce((total, count) => total + count, 0);
  return { ...details, total: sum };
}

function asBreakdown(value: unknown): Record<string, number | null> | undefined {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, number | null>)
    : undefined;
}

/** OpenAI's chat usage (`prompt_tokens_details`) or responses usage (`input_tokens_details`). */
function openAiUsageDetails(raw: RawUsageDetails): Record<string, number> {
  const details: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'number') details[keyAliases[key] ?? key] = value;
  }
  breakOut(details, 'input', asBreakdown(raw.prompt_tokens_details ?? raw.input_tokens_details));
  breakOut(
    details,
    'output',
    asBreakdown(raw.completion_tokens_details ?? raw.output_tokens_details),
  );
  return withTotal(details);
}

/**
 * `usageDetails` in Sereno's keys. A flat map is taken as disjoint buckets, as Langfuse
 * takes it, with known aliases renamed; an OpenAI usage object has its `*_details`
 * moved out of the input and output counts. `total` is the sum when not sent.
 */
export function normalizeUsageDetails(raw: RawUsageDetails): Record<string, number> {
  const nested = Object.values(raw).some((value) => value !== null && typeof value === 'object');
  if (nested) return openAiUsageDetails(raw);
  const details: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'number') continue;
    const bucket = keyAliases[key] ?? key;
    details[bucket] = (details[bucket] ?? 0) + value;
  }
  return withTotal(details);
}

function legacyUsageDetails(usage: Partial<LegacyUsage>): Record<string, number> | undefined {
  if (usage.prompt_tokens !== undefined || usage.completion_tokens !== undefined) {
    const { prompt_tokens, completion_tokens, total_tokens } = usage;
    return openAiUsageDetails({
      prompt_tokens: prompt_tokens ?? null,
      completion_tokens: completion_tokens ?? null,
      total_tokens: total_tokens ?? null,
      prompt_tokens_details: usage.prompt_tokens_details ?? null,
      completion_tokens_details: usage.completion_tokens_details ?? null,
    });
  }
  const details: Record<string, number> = {};
  const input = usage.input ?? usage.promptTokens;
  const output = usage.output ?? usage.completionTokens;
  const total = usage.total ?? usage.totalTokens ?? usage.total_tokens;
  if (input !== undefined) details.input = input;
  if (output !== undefined) details.output = output;
  if (total !== undefined) details.total = total;
  return Object.keys(details).length > 0 ? withTotal(details) : undefined;
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

/** The cost details with their `total`, the sum of the other keys when not sent. */
function costWithTotal(costs: Record<string, number>): {
  details: Record<string, number>;
  total: number;
} {
  const total =
    costs.total ??
    Object.entries(costs).reduce((sum, [key, value]) => (key === 'total' ? sum : sum + value), 0);
  return { details: { ...costs, total }, total };
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
    ? normalizeUsageDetails(body.usageDetails)
    : body.usage && legacyUsageDetails(body.usage);
  if (usageDetails && Object.keys(usageDetails).length > 0) normalized.usageDetails = usageDetails;

  const costs =
    (body.costDetails && cleanCosts(body.costDetails)) ??
    (body.usage && legacyCostDetails(body.usage));
  if (costs) {
    const { details, total } = costWithTotal(costs);
    normalized.costDetails = details;
    normalized.totalCost = total;
  }
  if (body.usage?.unit) normalized.unit = body.usage.unit;
  return normalized;
}
