import type { TokenUsage } from '../../pricing/token-usage.js';
import type { GeminiUsageMetadata } from './gemini-wire.js';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Reads Gemini's usage into disjoint buckets. `promptTokenCount` includes the cached
 * tokens, so they are taken out of the input; tool-use prompt tokens (results of Google's
 * own tools fed back to the model) are billed as input and added to it.
 * `candidatesTokenCount` excludes the thinking tokens, which are billed as output, so they
 * are added to the output and reported as its reasoning part.
 */
export function fromGeminiUsage(usage: GeminiUsageMetadata | undefined): TokenUsage {
  const prompt = count(usage?.promptTokenCount);
  const cached = Math.min(count(usage?.cachedContentTokenCount), prompt);
  const thoughts = count(usage?.thoughtsTokenCount);
  return {
    inputTokens: prompt - cached + count(usage?.toolUsePromptTokenCount),
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: count(usage?.candidatesTokenCount) + thoughts,
    reasoningTokens: thoughts,
  };
}
