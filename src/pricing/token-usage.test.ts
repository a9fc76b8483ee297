import { describe, expect, it } from 'vitest';
import {
  emptyUsage,
  toUsageDetails,
  totalInputTokens,
  totalTokens,
  type TokenUsage,
} from './token-usage.js';

function usage(fields: Partial<TokenUsage>): TokenUsage {
  return { ...emptyUsage, ...fields };
}

function sumOfBuckets(details: Record<string, number>): number {
  return Object.entries(details)
    .filter(([key]) => key !== 'total')
    .reduce((sum, [, value]) => sum + value, 0);
}

describe('toUsageDetails', () => {
  it.each([
    ['no usage', usage({}), 0],
    ['plain input and output', usage({ inputTokens: 120, outputTokens: 30 }), 150],
    ['cache reads', usage({ inputTokens: 86, cacheReadTokens: 1920, outputTokens: 300 }), 2306],
    ['cache writes', usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 550 }), 12857],
    ['reasoning', usage({ inputTokens: 40, outputTokens: 1000, reasoningTokens: 600 }), 1040],
    [
      'every bucket at once',
      usage({
        inputTokens: 7,
        cacheReadTokens: 11,
        cacheWriteTokens: 13,
        outputTokens: 17,
        reasoningTokens: 5,
      }),
      48,
    ],
  ])('should make the buckets of %s sum to the total', (_name, used, expectedTotal) => {
    const details = toUsageDetails(used);

    expect(details.total).toBe(expectedTotal);
    expect(sumOfBuckets(details)).toBe(details.total);
    expect(details.total).toBe(totalTokens(used));
  });

  it('should split reasoning out of the output bucket', () => {
    const details = toUsageDetails(usage({ outputTokens: 1000, reasoningTokens: 600 }));

    expect(details.output).toBe(400);
    expect(details.output_reasoning).toBe(600);
  });

  it('should leave out the cache and reasoning buckets a call did not use', () => {
    const details = toUsageDetails(usage({ inputTokens: 5, outputTokens: 2 }));

    expect(details).toEqual({ input: 5, output: 2, total: 7 });
  });
});

describe('totalInputTokens', () => {
  it('should count cached and uncached input alike', () => {
    expect(
      totalInputTokens(usage({ inputTokens: 3, cacheReadTokens: 4, cacheWriteTokens: 5 })),
    ).toBe(12);
  });
});
