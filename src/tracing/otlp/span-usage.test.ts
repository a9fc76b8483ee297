import { describe, expect, it } from 'vitest';
import { costOf, genAiUsageDetails, normaliseUsageDetails, usageDetailsOf } from './span-usage.js';

describe('genAiUsageDetails', () => {
  it.each([
    [
      'plain input and output',
      { 'gen_ai.usage.input_tokens': 100, 'gen_ai.usage.output_tokens': 20 },
      { input: 100, output: 20, total: 120 },
    ],
    [
      // 1,000 input of which 600 cache reads and 100 cache writes: 300 uncached.
      'cache reads and writes taken out of input',
      {
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_creation.input_tokens': 100,
        'gen_ai.usage.output_tokens': 50,
      },
      { input: 300, input_cache_read: 600, input_cache_creation: 100, output: 50, total: 1050 },
    ],
    [
      // 500 output of which 320 reasoning: 180 visible.
      'reasoning taken out of output',
      {
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 500,
        'gen_ai.usage.reasoning.output_tokens': 320,
      },
      { input: 10, output: 180, output_reasoning: 320, total: 510 },
    ],
    [
      'the former prompt and completion names, as text',
      { 'gen_ai.usage.prompt_tokens': '7', 'gen_ai.usage.completion_tokens': '3' },
      { input: 7, output: 3, total: 10 },
    ],
    [
      'a total the instrumentation gave',
      { 'gen_ai.usage.input_tokens': 7, 'gen_ai.usage.total_tokens': 9 },
      { input: 7, total: 9 },
    ],
  ])('should read %s', (_name, attributes, expected) => {
    expect(genAiUsageDetails(attributes)).toEqual(expected);
  });

  it('should say nothing when no token count is there', () => {
    expect(genAiUsageDetails({ 'gen_ai.request.model': 'gpt-4o' })).toBeUndefined();
  });
});

describe('normaliseUsageDetails', () => {
  it.each([
    ['Langfuse keys, kept', { input: 10, output: 5 }, { input: 10, output: 5, total: 15 }],
    [
      "the SDK's OpenAI-style names",
      { promptTokens: 25, completionTokens: 150, totalTokens: 175 },
      { input: 25, output: 150, total: 175 },
    ],
    [
      // prompt_tokens 100 includes 40 cached; completion_tokens 30 includes 12 reasoning.
      'OpenAI usage with nested details',
      {
        prompt_tokens: 100,
        completion_tokens: 30,
        total_tokens: 130,
        prompt_tokens_details: { cached_tokens: 40 },
        completion_tokens_details: { reasoning_tokens: 12 },
      },
      { input: 60, input_cache_read: 40, output: 18, output_reasoning: 12, total: 130 },
    ],
    [
      'negative and non-numeric counts, dropped',
      { input: -1, output: 'x', custom: 2 },
      { custom: 2, total: 2 },
    ],
  ])('should read %s', (_name, provided, expected) => {
    expect(normaliseUsageDetails(provided)).toEqual(expected);
  });
});

describe('usageDetailsOf', () => {
  it('should prefer what the Langfuse SDK set over GenAI attributes', () => {
    const attributes = {
      'langfuse.observation.usage_details': '{"input":1,"output":2}',
      'gen_ai.usage.input_tokens': 99,
    };
    expect(usageDetailsOf(attributes)).toEqual({ input: 1, output: 2, total: 3 });
  });
});

describe('costOf', () => {
  it.each([
    [
      'cost details from the SDK, with their total',
      { 'langfuse.observation.cost_details': '{"input":0.25,"output":0.5}' },
      { costDetails: { input: 0.25, output: 0.5, total: 0.75 }, totalCost: 0.75 },
    ],
    [
      'a GenAI cost in USD',
      { 'gen_ai.usage.cost': 0.5 },
      { costDetails: { total: 0.5 }, totalCost: 0.5 },
    ],
    ['no cost at all', {}, undefined],
  ])('should read %s', (_name, attributes, expected) => {
    expect(costOf(attributes)).toEqual(expected);
  });
});
