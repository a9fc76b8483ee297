import { describe, expect, it } from 'vitest';
import { emptyUsage, totalTokens, type TokenUsage } from '../../pricing/token-usage.js';
import type { OpenAiUsage } from './chat-response.js';
import { fromOpenAiUsage, toOpenAiUsage } from './openai-usage.js';

function usage(fields: Partial<TokenUsage>): TokenUsage {
  return { ...emptyUsage, ...fields };
}

describe('fromOpenAiUsage', () => {
  it.each([
    [
      'plain prompt and completion tokens',
      { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
      usage({ inputTokens: 120, outputTokens: 30 }),
    ],
    [
      'cached tokens taken out of prompt_tokens',
      {
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      },
      usage({ inputTokens: 86, cacheReadTokens: 1920, outputTokens: 300 }),
    ],
    [
      'reasoning tokens kept inside completion_tokens',
      {
        prompt_tokens: 40,
        completion_tokens: 1000,
        total_tokens: 1040,
        completion_tokens_details: { reasoning_tokens: 600, accepted_prediction_tokens: 0 },
      },
      usage({ inputTokens: 40, outputTokens: 1000, reasoningTokens: 600 }),
    ],
    [
      'null details',
      {
        prompt_tokens: 12,
        completion_tokens: 3,
        total_tokens: 15,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      },
      usage({ inputTokens: 12, outputTokens: 3 }),
    ],
    ['an empty object', {}, usage({})],
    ['missing completion tokens', { prompt_tokens: 9 }, usage({ inputTokens: 9 })],
    [
      'negative counts as zero',
      {
        prompt_tokens: -5,
        completion_tokens: -1,
        total_tokens: -6,
        prompt_tokens_details: { cached_tokens: -3 },
        completion_tokens_details: { reasoning_tokens: -2 },
      },
      usage({}),
    ],
    [
      'counts that are not finite numbers as zero',
      {
        prompt_tokens: Number.NaN,
        completion_tokens: Number.POSITIVE_INFINITY,
        prompt_tokens_details: { cached_tokens: '12' as unknown as number },
      },
      usage({}),
    ],
    [
      'more cached tokens than prompt tokens as all cached',
      { prompt_tokens: 100, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 150 } },
      usage({ cacheReadTokens: 100 }),
    ],
    [
      'more reasoning tokens than completion tokens as all reasoning',
      {
        prompt_tokens: 0,
        completion_tokens: 50,
        completion_tokens_details: { reasoning_tokens: 80 },
      },
      usage({ outputTokens: 50, reasoningTokens: 50 }),
    ],
  ])('should read %s', (_name, wire: Partial<OpenAiUsage>, expected) => {
    expect(fromOpenAiUsage(wire)).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('should read %s usage as empty', (_name, wire) => {
    expect(fromOpenAiUsage(wire)).toEqual(emptyUsage);
  });

  it('should count every prompt and completion token exactly once', () => {
    const wire = {
      prompt_tokens: 5000,
      completion_tokens: 1200,
      total_tokens: 6200,
      prompt_tokens_details: { cached_tokens: 4096 },
      completion_tokens_details: { reasoning_tokens: 1024 },
    };

    const read = fromOpenAiUsage(wire);

    expect(totalTokens(read)).toBe(wire.total_tokens);
    expect(read.inputTokens + read.cacheReadTokens).toBe(wire.prompt_tokens);
    expect(read.outputTokens).toBe(wire.completion_tokens);
  });
});

describe('toOpenAiUsage', () => {
  it('should write the wire shape back unchanged after reading it', () => {
    const wire: OpenAiUsage = {
      prompt_tokens: 2006,
      completion_tokens: 1300,
      total_tokens: 3306,
      prompt_tokens_details: { cached_tokens: 1920 },
      completion_tokens_details: { reasoning_tokens: 704 },
    };

    expect(toOpenAiUsage(fromOpenAiUsage(wire))).toEqual(wire);
  });

  it('should read back the usage it wrote when nothing was written to a cache', () => {
    const written = usage({
      inputTokens: 86,
      cacheReadTokens: 1920,
      outputTokens: 300,
      reasoningTokens: 120,
    });

    expect(fromOpenAiUsage(toOpenAiUsage(written))).toEqual(written);
  });

  it('should count cache writes in prompt_tokens, since OpenAI has no field for them', () => {
    const written = usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 550 });

    const wire = toOpenAiUsage(written);

    expect(wire).toMatchObject({
      prompt_tokens: 12307,
      completion_tokens: 550,
      total_tokens: 12857,
    });
    // Read back, the cache writes land in the uncached input bucket; the total is kept.
    expect(fromOpenAiUsage(wire)).toEqual(usage({ inputTokens: 12307, outputTokens: 550 }));
  });
});
