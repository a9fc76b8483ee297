import { describe, expect, it } from 'vitest';
import { normalizeUsage } from './normalize-usage.js';

describe('normalizeUsage', () => {
  it.each([
    [
      'Langfuse’s legacy usage',
      { usage: { input: 10, output: 4 } },
      { input: 10, output: 4, total: 14 },
    ],
    [
      'legacy usage with its own total',
      { usage: { input: 10, output: 4, total: 20 } },
      { input: 10, output: 4, total: 20 },
    ],
    [
      'OpenAI’s camel case in usage',
      { usage: { promptTokens: 8, completionTokens: 2, totalTokens: 10 } },
      { input: 8, output: 2, total: 10 },
    ],
    [
      'OpenAI’s snake case in usage',
      { usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 } },
      { input: 8, output: 2, total: 10 },
    ],
    [
      'a flat usageDetails map',
      { usageDetails: { input: 5, output: 3, input_cache_read: 2 } },
      { input: 5, output: 3, input_cache_read: 2, total: 10 },
    ],
    [
      'Anthropic-style aliases in a flat map',
      {
        usageDetails: {
          input_tokens: 5,
          output_tokens: 3,
          cache_read_input_tokens: 20,
          cache_creation_input_tokens: 7,
        },
      },
      { input: 5, output: 3, input_cache_read: 20, input_cache_creation: 7, total: 35 },
    ],
    [
      'OpenAI chat usage with details moved out of input and output',
      {
        usageDetails: {
          prompt_tokens: 100,
          completion_tokens: 50,
          total_tokens: 150,
          prompt_tokens_details: { cached_tokens: 30, audio_tokens: null },
          completion_tokens_details: { reasoning_tokens: 20, accepted_prediction_tokens: 0 },
        },
      },
      { input: 70, input_cache_read: 30, output: 30, output_reasoning: 20, total: 150 },
    ],
    [
      'OpenAI responses usage',
      {
        usageDetails: {
          input_tokens: 40,
          output_tokens: 10,
          total_tokens: 50,
          input_tokens_details: { cached_tokens: 8 },
          output_tokens_details: { reasoning_tokens: 4 },
        },
      },
      { input: 32, input_cache_read: 8, output: 6, output_reasoning: 4, total: 50 },
    ],
    [
      'usageDetails over the legacy usage',
      { usage: { input: 1, output: 1 }, usageDetails: { input: 9 } },
      { input: 9, total: 9 },
    ],
  ])('should read %s', (_name, body, expected) => {
    expect(normalizeUsage(body).usageDetails).toEqual(expected);
  });

  it('should take legacy costs and add their total', () => {
    const usage = normalizeUsage({ usage: { input: 1, inputCost: 0.5, outputCost: 0.25 } });

    expect([usage.costDetails, usage.totalCost]).toEqual([
      { input: 0.5, output: 0.25, total: 0.75 },
      0.75,
    ]);
  });

  it('should keep a sent total cost and drop null costs', () => {
    const usage = normalizeUsage({ costDetails: { input: 1, output: null, total: 5 } });

    expect([usage.costDetails, usage.totalCost]).toEqual([{ input: 1, total: 5 }, 5]);
  });

  it('should say the unit of legacy usage that is not in tokens', () => {
    expect(normalizeUsage({ usage: { input: 300, unit: 'CHARACTERS' } }).unit).toBe('CHARACTERS');
  });

  it('should say nothing when nothing was sent', () => {
    expect(normalizeUsage({})).toEqual({});
  });
});
