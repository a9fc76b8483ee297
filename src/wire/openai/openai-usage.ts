import type { TokenUsage } from '../../pricing/token-usage.js';
import type { OpenAiUsage } from './chat-response.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Reads OpenAI's usage: `prompt_tokens` includes the cached tokens and
 * `completion_tokens` includes the reasoning tokens, so both are split out, not added.
 */
export function fromOpenAiUsage(usage: Partial<OpenAiUsage> | null | undefined): TokenUsage {
  const promptTokens = count(usage?.prompt_tokens);
  const cached = Math.min(count(usage?.prompt_tokens_details?.cached_tokens), promptTokens);
  const completionTokens = count(usage?.completion_tokens);
  const reasoning = Math.min(
    count(usage?.completion_tokens_details?.reasoning_tokens),
    completionTokens,
  );
  return {
    inputTokens: promptTokens - cached,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: completionTokens,
    reasoningTokens: reasoning,
  };
}

/** Writes usage in OpenAI's shape, cache writes counted in the prompt as OpenAI would. */
export function toOpenAiUsage(usage: TokenUsage): OpenAiUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}
