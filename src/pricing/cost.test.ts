import { describe, expect, it } from 'vitest';
import { fromOpenAiUsage } from '../wire/openai/openai-usage.js';
import { computeCost, formatUsd } from './cost.js';
import type { ModelPrices } from './model-prices.js';
import { loadBundledPriceTable } from './price-table.js';
import { emptyUsage, type TokenUsage } from './token-usage.js';

const table = loadBundledPriceTable();

function bundledPrices(provider: string, model: string): ModelPrices {
  const prices = table.find(provider, model);
  if (!prices) throw new Error(`the bundled table has no ${provider}/${model}`);
  return prices;
}

function usage(fields: Partial<TokenUsage>): TokenUsage {
  return { ...emptyUsage, ...fields };
}

// Round-off of a sum of a few float products stays far below a millionth of a cent.
const digits = 12;

describe('computeCost', () => {
  it('should price an Anthropic answer that wrote the prompt cache at Claude Sonnet 4 prices', () => {
    // Anthropic's usage { input_tokens: 3, cache_creation_input_tokens: 12304,
    // cache_read_input_tokens: 0, output_tokens: 550 }, whose buckets are already disjoint.
    //   input        3     × $3e-6    = $0.000009
    //   cache write  12304 × $3.75e-6 = $0.04614
    //   output       550   × $1.5e-5  = $0.00825
    //   total                         = $0.054399
    const cost = computeCost(
      usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 550 }),
      bundledPrices('anthropic', 'claude-sonnet-4-20250514'),
    );

    expect(cost.total).toBeCloseTo(0.054399, digits);
    expect(cost.details.input).toBeCloseTo(0.000009, digits);
    expect(cost.details.input_cache_creation).toBeCloseTo(0.04614, digits);
    expect(cost.details.output).toBeCloseTo(0.00825, digits);
    expect(cost.details.input_cache_read).toBeUndefined();
    expect(cost.details.total).toBe(cost.total);
    expect(cost.priced).toBe(true);
  });

  it('should price an OpenAI answer with cached prompt tokens at gpt-4o prices', () => {
    // prompt_tokens 2006 counts the 1920 cached tokens, so 86 are billed at the full rate.
    //   input        86   × $2.5e-6  = $0.000215
    //   cache read   1920 × $1.25e-6 = $0.0024
    //   output       300  × $1e-5    = $0.003
    //   total                        = $0.005615
    const wire = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920 },
    };

    const cost = computeCost(fromOpenAiUsage(wire), bundledPrices('openai', 'gpt-4o'));

    expect(cost.total).toBeCloseTo(0.005615, digits);
    expect(cost.details.input).toBeCloseTo(0.000215, digits);
    expect(cost.details.input_cache_read).toBeCloseTo(0.0024, digits);
    expect(cost.details.output).toBeCloseTo(0.003, digits);
  });

  it('should bill reasoning tokens once, at the output price', () => {
    // 1000 completion tokens of which 600 are reasoning, at o4-mini's $4.4e-6 output price:
    //   visible output  400 × $4.4e-6 = $0.00176
    //   reasoning       600 × $4.4e-6 = $0.00264
    //   input           100 × $1.1e-6 = $0.00011
    //   total                          = $0.00451, not 1600 output tokens' worth
    const cost = computeCost(
      usage({ inputTokens: 100, outputTokens: 1000, reasoningTokens: 600 }),
      bundledPrices('openai', 'o4-mini'),
    );

    expect(cost.details.output).toBeCloseTo(0.00176, digits);
    expect(cost.details.output_reasoning).toBeCloseTo(0.00264, digits);
    expect(cost.total).toBeCloseTo(0.00451, digits);
  });

  it.each([
    ['a cache read', usage({ cacheReadTokens: 1000 }), 'input_cache_read'],
    ['a cache write', usage({ cacheWriteTokens: 1000 }), 'input_cache_creation'],
  ])('should price %s at the input price when the model has no cache price', (_name, used, key) => {
    // 1000 × $2e-6 input price = $0.002
    const cost = computeCost(used, { input_cost_per_token: 2e-6, output_cost_per_token: 8e-6 });

    expect(cost.details[key]).toBeCloseTo(0.002, digits);
    expect(cost.total).toBeCloseTo(0.002, digits);
  });

  it('should use the cache prices when the model has them', () => {
    //   cache read   1000 × $1e-7 = $0.0001
    //   cache write  1000 × $5e-6 = $0.005
    const cost = computeCost(usage({ cacheReadTokens: 1000, cacheWriteTokens: 1000 }), {
      input_cost_per_token: 4e-6,
      output_cost_per_token: 2e-5,
      cache_read_input_token_cost: 1e-7,
      cache_creation_input_token_cost: 5e-6,
    });

    expect(cost.details.input_cache_read).toBeCloseTo(0.0001, digits);
    expect(cost.details.input_cache_creation).toBeCloseTo(0.005, digits);
    expect(cost.total).toBeCloseTo(0.0051, digits);
  });

  it.each([
    ['no prices at all', {}],
    ['only context limits', { max_input_tokens: 128000, max_output_tokens: 4096 }],
  ])('should report an unpriced model with %s as not priced', (_name, prices: ModelPrices) => {
    const cost = computeCost(usage({ inputTokens: 500, outputTokens: 200 }), prices);

    expect(cost.priced).toBe(false);
    expect(cost.total).toBe(0);
  });

  it('should report an embedding model with a zero output price as priced', () => {
    // 1000 × $2e-8 = $0.00002
    const cost = computeCost(
      usage({ inputTokens: 1000 }),
      bundledPrices('openai', 'text-embedding-3-small'),
    );

    expect(cost.priced).toBe(true);
    expect(cost.total).toBeCloseTo(0.00002, digits);
  });

  it('should leave out the buckets a call did not use', () => {
    const cost = computeCost(usage({ inputTokens: 10, outputTokens: 5 }), {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 2e-6,
    });

    expect(Object.keys(cost.details).sort()).toEqual(['input', 'output', 'total']);
  });
});

describe('formatUsd', () => {
  it.each([
    [0.00043499999999999995, '0.000435'],
    [3.2e-7, '0.00000032'],
    [0.054399, '0.054399'],
    [12.5, '12.5'],
    [0, '0'],
    [1e-15, '1.000e-15'],
  ])('should write %d as %s', (cost, expected) => {
    expect(formatUsd(cost)).toBe(expected);
  });
});
