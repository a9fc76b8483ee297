import { describe, expect, it } from 'vitest';
import { normalizeUsageDetails } from './normalize-usage-details.js';

describe('normalizeUsageDetails', () => {
  it.each([
    [
      'camel-case input and output names',
      { inputTokens: 12, outputTokens: 3 },
      { input: 12, output: 3, total: 15 },
    ],
    [
      'counts of one bucket under two names, added up',
      { input_cache_read_tokens: 4, cache_read_input_tokens: 6, input: 1 },
      { input_cache_read: 10, input: 1, total: 11 },
    ],
    [
      // 50 input of which 20 cached and 5 audio: 25 left as plain input.
      'a breakdown named after its side',
      { prompt_tokens: 50, prompt_tokens_details: { cached_tokens: 20, audio_tokens: 5 } },
      { input: 25, input_cache_read: 20, input_audio: 5, total: 50 },
    ],
    [
      'a breakdown whose side was not sent, with no side made up',
      { completion_tokens_details: { reasoning_tokens: 9 } },
      { output_reasoning: 9, total: 9 },
    ],
    ['a negative count, dropped', { input: -3, output: 2 }, { output: 2, total: 2 }],
  ])('should read %s', (_name, raw, expected) => {
    expect(normalizeUsageDetails(raw)).toEqual(expected);
  });

  it('should say nothing when nothing was counted', () => {
    expect(normalizeUsageDetails({ input: null, prompt_tokens_details: {} })).toBeUndefined();
  });
});
