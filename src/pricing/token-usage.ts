/**
 * Usage in one shape for every provider, with disjoint buckets so that nothing is billed
 * twice: `inputTokens` excludes both cache buckets, `outputTokens` includes reasoning.
 */
export interface TokenUsage {
  /** Input tokens read neither from nor into a cache. */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Every generated token, reasoning included. */
  outputTokens: number;
  /** The part of `outputTokens` spent on reasoning. */
  reasoningTokens: number;
}

export const emptyUsage: Readonly<TokenUsage> = Object.freeze({
  inputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
});

/** Every input token, cached or not: what OpenAI calls `prompt_tokens`. */
export function totalInputTokens(usage: TokenUsage): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

export function totalTokens(usage: TokenUsage): number {
  return totalInputTokens(usage) + usage.outputTokens;
}

/** Usage details in Langfuse's keys; each key is a disjoint bucket, so they sum to `total`. */
export function toUsageDetails(usage: TokenUsage): Record<string, number> {
  const details: Record<string, number> = {
    input: usage.inputTokens,
    output: usage.outputTokens - usage.reasoningTokens,
  };
  if (usage.cacheReadTokens > 0) details.input_cache_read = usage.cacheReadTokens;
  if (usage.cacheWriteTokens > 0) details.input_cache_creation = usage.cacheWriteTokens;
  if (usage.reasoningTokens > 0) details.output_reasoning = usage.reasoningTokens;
  details.total = totalTokens(usage);
  return details;
}
