import type { TokenUsage } from '../pricing/token-usage.js';
import { countChatInputTokens, countTextTokens } from '../tokens/count-tokens.js';
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';
import type { AssistantMessage } from '../wire/openai/chat-response.js';

/**
 * How much of a call's usage Sereno counted rather than read from the upstream: `true` all
 * of it, `'output'` the output alone, `false` none. A generation's metadata repeats it as
 * `usageEstimated` when it is not `false`.
 */
export type UsageEstimated = boolean | 'output';

/** A call's usage, and how much of it was counted. */
export interface MeasuredUsage {
  usage: TokenUsage;
  usageEstimated: UsageEstimated;
}

/**
 * Usage counted by Sereno from the request and the output: all of it when the upstream
 * reported none (a server that does not send usage, a stream that broke before it did),
 * the output alone for a stream that broke after. The trace marks it as estimated.
 */
export function estimateChatUsage(
  request: ChatRequest,
  output: AssistantMessage | undefined,
): TokenUsage {
  let outputText = typeof output?.content === 'string' ? output.content : '';
  for (const call of output?.tool_calls ?? []) {
    outputText += call.function.name + call.function.arguments;
  }
  return {
    inputTokens: countChatInputTokens(request),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: countTextTokens(outputText),
    reasoningTokens: 0,
  };
}

/**
 * The usage of a stream that ended before the upstream's final count: it failed, or the
 * client left. What the upstream reported before the end stands for the input and cache
 * buckets, which it knows from the start. Its output count may lag behind the text it
 * sent, so the output is the larger of that count and the tokens counted in the text
 * received, plus the reasoning the upstream reported, since reasoning is never sent as
 * text. Only the output is then marked as estimated; with nothing reported, all of it is.
 *
 * The output is a floor: tokens the upstream generated but never delivered, and thinking
 * Anthropic had not yet counted when the stream broke, are missed.
 */
export function usageOfUnfinishedStream(
  reported: TokenUsage | undefined,
  counted: TokenUsage,
): MeasuredUsage {
  if (!reported) return { usage: counted, usageEstimated: true };
  const received = reported.reasoningTokens + counted.outputTokens;
  const outputTokens = Math.max(reported.outputTokens, received);
  return { usage: { ...reported, outputTokens }, usageEstimated: 'output' };
}
