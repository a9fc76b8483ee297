import type { TokenUsage } from '../../pricing/token-usage.js';

/** Anthropic's usage object, in a message or a stream's `message_start` and `message_delta`. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens?: number | null;
  [key: string]: unknown;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Reads Anthropic's usage. Its buckets are already disjoint: `input_tokens` counts neither
 * the tokens read from the cache nor those written to it, so each maps to one bucket with
 * nothing subtracted. Thinking is billed as output and counted in `output_tokens`, but
 * Anthropic does not report its share, so `reasoningTokens` stays 0.
 */
export function fromAnthropicUsage(usage: AnthropicUsage | null | undefined): TokenUsage {
  return {
    inputTokens: count(usage?.input_tokens),
    cacheReadTokens: count(usage?.cache_read_input_tokens),
    cacheWriteTokens: count(usage?.cache_creation_input_tokens),
    outputTokens: count(usage?.output_tokens),
    reasoningTokens: 0,
  };
}
