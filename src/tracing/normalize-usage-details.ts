/**
 * Usage as clients send it: counts by key, and OpenAI's `*_tokens_details` objects that
 * break a count down. `null` and `undefined` mean "not said".
 */
export type RawUsageCounts = Record<
  string,
  number | Record<string, number | null | undefined> | null | undefined
>;

/**
 * Other names SDKs and integrations give to Langfuse's usage keys, which are disjoint
 * buckets: `input` holds no cached tokens and `output` no reasoning tokens.
 */
const keyAliases: Record<string, string> = {
  prompt_tokens: 'input',
  input_tokens: 'input',
  promptTokens: 'input',
  inputTokens: 'input',
  completion_tokens: 'output',
  output_tokens: 'output',
  completionTokens: 'output',
  outputTokens: 'output',
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

/** OpenAI's breakdowns (chat and responses names), which count tokens already in a side. */
const breakdownSides: Record<string, 'input' | 'output'> = {
  prompt_tokens_details: 'input',
  input_tokens_details: 'input',
  completion_tokens_details: 'output',
  output_tokens_details: 'output',
};

/** Keys of a breakdown, as the bucket names they take after their side's name. */
const breakdownKeys: Record<string, string> = {
  cached_tokens: 'cache_read',
  cache_creation_tokens: 'cache_creation',
  reasoning_tokens: 'reasoning',
  audio_tokens: 'audio',
};

function isCount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0;
}

function add(usage: Record<string, number>, bucket: string, count: number): void {
  usage[bucket] = (usage[bucket] ?? 0) + count;
}

/** Moves each count of a breakdown out of its side, so that no token is in two buckets. */
function breakOut(usage: Record<string, number>, side: 'input' | 'output', breakdown: unknown) {
  if (typeof breakdown !== 'object' || breakdown === null) return;
  for (const [key, count] of Object.entries(breakdown)) {
    if (!isCount(count) || count === 0) continue;
    add(usage, `${side}_${breakdownKeys[key] ?? key.replace(/_tokens$/, '')}`, count);
    if (usage[side] !== undefined) usage[side] = Math.max(0, usage[side] - count);
  }
}

/** The buckets with their `total`, the sum of the others when not sent. */
function withTotal(usage: Record<string, number>): Record<string, number> {
  if (usage.total !== undefined) return usage;
  return { ...usage, total: Object.values(usage).reduce((sum, count) => sum + count, 0) };
}

/**
 * Usage in Langfuse's `usageDetails` keys. Flat counts are taken as disjoint buckets, as
 * Langfuse takes them, with OpenAI's and Anthropic's names renamed and counts of one
 * bucket added up; OpenAI's `*_tokens_details` are moved out of the input and output
 * counts into `input_*` and `output_*` buckets (a side that was not sent is not made up).
 * Negative counts are dropped. `total` is the sum of the buckets when not sent; undefined
 * when nothing was counted.
 */
export function normalizeUsageDetails(raw: RawUsageCounts): Record<string, number> | undefined {
  const usage: Record<string, number> = {};
  for (const [key, count] of Object.entries(raw)) {
    if (isCount(count)) add(usage, keyAliases[key] ?? key, count);
  }
  for (const [key, side] of Object.entries(breakdownSides)) breakOut(usage, side, raw[key]);
  return Object.keys(usage).length > 0 ? withTotal(usage) : undefined;
}
