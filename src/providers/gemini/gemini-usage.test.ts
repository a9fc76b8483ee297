import { describe, expect, it } from 'vitest';
import { fromGeminiUsage } from './gemini-usage.js';

describe('fromGeminiUsage', () => {
  it('should take the cached tokens out of the prompt and add thinking to the output', () => {
    // prompt 1000 includes 600 cached: input 1000 − 600 = 400, cache read 600.
    // candidates 50 exclude 150 thinking: output 50 + 150 = 200, reasoning 150.
    expect(
      fromGeminiUsage({
        promptTokenCount: 1000,
        cachedContentTokenCount: 600,
        candidatesTokenCount: 50,
        thoughtsTokenCount: 150,
        totalTokenCount: 1200,
      }),
    ).toEqual({
      inputTokens: 400,
      cacheReadTokens: 600,
      cacheWriteTokens: 0,
      outputTokens: 200,
      reasoningTokens: 150,
    });
  });

  it('should bill tool-use prompt tokens as input', () => {
    // input 120 + 30 tool-use prompt tokens = 150; output 8.
    expect(
      fromGeminiUsage({
        promptTokenCount: 120,
        toolUsePromptTokenCount: 30,
        candidatesTokenCount: 8,
      }),
    ).toMatchObject({ inputTokens: 150, cacheReadTokens: 0, outputTokens: 8, reasoningTokens: 0 });
  });

  it('should keep the buckets whole when a count is missing or nonsense', () => {
    expect(fromGeminiUsage(undefined)).toEqual({
      inputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    });
    // More cached than prompt tokens cannot be: the cache is capped at the prompt (10).
    expect(
      fromGeminiUsage({
        promptTokenCount: 10,
        cachedContentTokenCount: 25,
        candidatesTokenCount: -3,
      }),
    ).toMatchObject({ inputTokens: 0, cacheReadTokens: 10, outputTokens: 0 });
  });
});
