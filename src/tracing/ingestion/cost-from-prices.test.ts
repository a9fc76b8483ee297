import { describe, expect, it } from 'vitest';
import { costFromPrices } from './cost-from-prices.js';

describe('costFromPrices', () => {
  it('should price each key, cache reads at their own price and reasoning at the output price', () => {
    const cost = costFromPrices(
      { input: 1000, input_cache_read: 500, output: 200, output_reasoning: 100, total: 1800 },
      { input: 0.000002, input_cache_read: 0.0000005, output: 0.00001 },
    );

    // 1,000 × $0.000002 = $0.002; 500 × $0.0000005 = $0.00025; 200 × $0.00001 = $0.002;
    // 100 reasoning × $0.00001 = $0.001; total $0.00525
    expect(cost?.details).toEqual({
      input: 0.002,
      input_cache_read: 0.00025,
      output: 0.002,
      output_reasoning: 0.001,
      total: expect.closeTo(0.00525, 12),
    });
  });

  it('should price cache writes and audio at the input price when they have none', () => {
    const cost = costFromPrices(
      { input: 10, input_cache_creation: 10, input_audio: 10 },
      { input: 0.1, output: 0.2 },
    );

    // 30 input-side tokens × $0.1 = $3
    expect(cost?.total).toBeCloseTo(3, 12);
  });

  it('should bill a model priced per total unit on the total', () => {
    // 12 units × $0.5 = $6
    expect(costFromPrices({ input: 5, output: 7, total: 12 }, { total: 0.5 })).toEqual({
      details: { total: 6 },
      total: 6,
      priced: true,
    });
  });

  it('should give no cost when no key has a price', () => {
    expect(costFromPrices({ requests: 3, total: 3 }, { input: 1 })).toBeUndefined();
  });
});
