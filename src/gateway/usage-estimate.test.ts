import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../pricing/token-usage.js';
import { usageOfUnfinishedStream, type MeasuredUsage } from './usage-estimate.js';

function usage(fields: Partial<TokenUsage>): TokenUsage {
  return {
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    ...fields,
  };
}

/** What Sereno counts of a request of 7 tokens whose stream delivered 35 tokens of text. */
const counted = usage({ inputTokens: 7, outputTokens: 35 });

describe('usageOfUnfinishedStream', () => {
  it.each<[string, TokenUsage | undefined, MeasuredUsage]>([
    [
      'count everything when the upstream reported nothing',
      undefined,
      { usage: counted, usageEstimated: true },
    ],
    [
      'keep the reported input and cache, and take the output received when it is larger',
      usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 1 }),
      {
        usage: usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 35 }),
        usageEstimated: 'output',
      },
    ],
    [
      'keep the reported output when it is larger than the output received',
      usage({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 50 }),
      {
        usage: usage({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 50 }),
        usageEstimated: 'output',
      },
    ],
    [
      // 70 reasoning tokens reported, never sent as text, and 35 tokens of answer received.
      'add the reported reasoning to the output received, as no text carries it',
      usage({ inputTokens: 11, outputTokens: 72, reasoningTokens: 70 }),
      {
        usage: usage({ inputTokens: 11, outputTokens: 105, reasoningTokens: 70 }),
        usageEstimated: 'output',
      },
    ],
  ])('should %s', (_name, reported, expected) => {
    expect(usageOfUnfinishedStream(reported, counted)).toEqual(expected);
  });
});
