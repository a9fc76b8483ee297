import { describe, expect, it } from 'vitest';
import { fromAnthropicUsage } from './anthropic-usage.js';

describe('fromAnthropicUsage', () => {
  it('should keep every bucket as sent, since input_tokens already excludes the cache', () => {
    const usage = fromAnthropicUsage({
      input_tokens: 3,
      cache_creation_input_tokens: 12304,
      cache_read_input_tokens: 40,
      output_tokens: 550,
    });
    expect(usage).toEqual({
      inputTokens: 3,
      cacheWriteTokens: 12304,
      cacheReadTokens: 40,
      outputTokens: 550,
      reasoningTokens: 0,
    });
  });

  it.each([
    ['no usage at all', undefined],
    ['null cache counts', { input_tokens: 0, cache_read_input_tokens: null }],
    [
      'negative or non-numeric counts',
      { input_tokens: -4, output_tokens: 'many' as unknown as number },
    ],
  ])('should count zero for %s', (_name, usage) => {
    expect(fromAnthropicUsage(usage)).toEqual({
      inputTokens: 0,
      cacheWriteTokens: 0,
      cacheReadTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    });
  });
});
