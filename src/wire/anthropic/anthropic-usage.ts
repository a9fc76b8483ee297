import type { TokenUsage } from '../../pricing/token-usage.js';
import type { AnthropicUsage } from './messages-response.js';

/**
 * Writes usage in Anthropic's buckets, which are Sereno's own: uncached input, cache
 * writes, cache reads, and output with reasoning included.
 */
export function toAnthropicUsage(usage: TokenUsage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}
