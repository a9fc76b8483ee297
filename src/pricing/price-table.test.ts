import { describe, expect, it } from 'vitest';
import bundledTable from './data/model-prices.json' with { type: 'json' };
import type { ModelPrices } from './model-prices.js';
import { loadBundledPriceTable, PriceTable } from './price-table.js';

const gpt4o: ModelPrices = { input_cost_per_token: 2.5e-6, output_cost_per_token: 1e-5 };
const gpt4o20240513: ModelPrices = { input_cost_per_token: 5e-6, output_cost_per_token: 1.5e-5 };
const gpt4oMini: ModelPrices = { input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7 };
const gpt4: ModelPrices = { input_cost_per_token: 3e-5, output_cost_per_token: 6e-5 };
const sonnet4: ModelPrices = { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 };
const grok4: ModelPrices = { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 };
const gptOss: ModelPrices = { input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7 };

const table = new PriceTable({
  'openai/gpt-4o': gpt4o,
  'openai/gpt-4o-2024-05-13': gpt4o20240513,
  'openai/gpt-4o-mini': gpt4oMini,
  'openai/gpt-4': gpt4,
  'anthropic/claude-sonnet-4': sonnet4,
  'xai/grok-4': grok4,
  'Groq/OpenAI/GPT-OSS-120B': gptOss,
});

describe('PriceTable.find', () => {
  it.each([
    ['provider/model', 'openai', 'gpt-4o', gpt4o],
    ['a provider whose model id holds a slash', 'groq', 'openai/gpt-oss-120b', gptOss],
    ['a model in other case', 'openai', 'GPT-4o-Mini', gpt4oMini],
    ['a provider in other case', 'OpenAI', 'gpt-4o', gpt4o],
    ['an openrouter model by its vendor', 'openrouter', 'openai/gpt-4o-mini', gpt4oMini],
    ['an openrouter model in other case', 'openrouter', 'Anthropic/Claude-Sonnet-4', sonnet4],
    ['a YYYY-MM-DD suffix', 'openai', 'gpt-4o-mini-2024-07-18', gpt4oMini],
    ['a YYYYMMDD suffix', 'anthropic', 'claude-sonnet-4-20250514', sonnet4],
    ['an MMDD suffix', 'openai', 'gpt-4-0613', gpt4],
    ['an MMDD suffix on xAI', 'xai', 'grok-4-0709', grok4],
    ['a dated openrouter model', 'openrouter', 'openai/gpt-4o-2024-08-06', gpt4o],
    ['a dated id that has a price of its own', 'openai', 'gpt-4o-2024-05-13', gpt4o20240513],
  ])('should find %s', (_name, provider, model, expected) => {
    expect(table.find(provider, model)).toEqual(expected);
  });

  it.each([
    ['an unknown model', 'openai', 'gpt-unknown'],
    ['a known model under another provider', 'azure', 'gpt-4o'],
    ['an unknown provider', 'acme', 'gpt-4o'],
    ['a name that only starts like a known model', 'openai', 'gpt-4o-audio-preview'],
    ['an empty model', 'openai', ''],
  ])('should find nothing for %s', (_name, provider, model) => {
    expect(table.find(provider, model)).toBeUndefined();
  });

  it('should drop fields that are not finite numbers', () => {
    const odd = new PriceTable({
      'acme/model': { input_cost_per_token: Number.NaN, output_cost_per_token: 1e-6 },
    });

    expect(odd.find('acme', 'model')).toEqual({ output_cost_per_token: 1e-6 });
  });
});

describe('the bundled price table', () => {
  const entries = Object.entries(bundledTable.models as Record<string, ModelPrices>);
  const priceFields = [
    'input_cost_per_token',
    'output_cost_per_token',
    'cache_read_input_token_cost',
    'cache_creation_input_token_cost',
  ] as const;

  it('should load, with one entry for every key however it is cased', () => {
    expect(loadBundledPriceTable().size).toBe(entries.length);
  });

  it('should name its source and the ISO date it was retrieved', () => {
    expect(bundledTable.source.length).toBeGreaterThan(20);
    expect(bundledTable.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(bundledTable.retrieved))).toBe(false);
  });

  it.each(entries)('should give %s an input and an output price', (name, prices) => {
    expect(name).toMatch(/^[a-z0-9_]+\/\S+$/);
    expect(prices.input_cost_per_token).toBeGreaterThan(0);
    expect(prices.output_cost_per_token).toBeDefined();
    if (prices.output_cost_per_token === 0) expect(name).toMatch(/embed/);
    else expect(prices.output_cost_per_token).toBeGreaterThan(0);
  });

  it.each(entries)('should keep the prices of %s in a sane range', (_name, prices) => {
    for (const field of priceFields) {
      const price = prices[field];
      if (price === undefined) continue;
      // The dearest model sold today costs well under $1,000 per million tokens.
      expect(price, field).toBeLessThanOrEqual(0.001);
      expect(price, field).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(entries)('should price the caches of %s around the input price', (_name, prices) => {
    const input = prices.input_cost_per_token ?? 0;
    if (prices.cache_read_input_token_cost !== undefined) {
      expect(prices.cache_read_input_token_cost).toBeLessThan(input);
    }
    if (prices.cache_creation_input_token_cost !== undefined) {
      expect(prices.cache_creation_input_token_cost).toBeGreaterThanOrEqual(input);
    }
  });

  it.each(entries)('should give %s whole-token limits', (_name, prices) => {
    for (const limit of [prices.max_input_tokens, prices.max_output_tokens]) {
      if (limit === undefined) continue;
      expect(Number.isInteger(limit)).toBe(true);
      expect(limit).toBeGreaterThan(0);
    }
  });

  it.each([
    // Per million tokens: input, output, cache read, cache write, from the providers' pages.
    ['anthropic', 'claude-sonnet-4-20250514', 3, 15, 0.3, 3.75],
    ['anthropic', 'claude-haiku-4-5', 1, 5, 0.1, 1.25],
    ['anthropic', 'claude-opus-4-1-20250805', 15, 75, 1.5, 18.75],
    ['openai', 'gpt-4o', 2.5, 10, 1.25, undefined],
    ['openai', 'gpt-4.1-mini-2025-04-14', 0.4, 1.6, 0.1, undefined],
    ['openai', 'gpt-5', 1.25, 10, 0.125, undefined],
    ['gemini', 'gemini-2.5-flash', 0.3, 2.5, 0.03, undefined],
    ['groq', 'openai/gpt-oss-120b', 0.15, 0.6, 0.075, undefined],
    ['deepseek', 'deepseek-chat', 0.28, 0.42, 0.028, undefined],
    ['azure', 'gpt-35-turbo', 0.5, 1.5, undefined, undefined],
  ])('should price %s/%s as published', (provider, model, input, output, cacheRead, cacheWrite) => {
    const prices = loadBundledPriceTable().find(provider, model);
    const perMillion = (price: number | undefined) =>
      price === undefined ? undefined : Math.round(price * 1e9) / 1e3;

    expect(perMillion(prices?.input_cost_per_token)).toBe(input);
    expect(perMillion(prices?.output_cost_per_token)).toBe(output);
    expect(perMillion(prices?.cache_read_input_token_cost)).toBe(cacheRead);
    expect(perMillion(prices?.cache_creation_input_token_cost)).toBe(cacheWrite);
  });
});
