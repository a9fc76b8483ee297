import type { TokenUsage } from '../pricing/token-usage.js';
import { countChatInputTokens, countTextTokens } from '../tokens/count-tokens.js';
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';
import type { AssistantMessage } from '../wire/openai/chat-response.js';

/**
 * Usage counted by Sereno when the upstream reported none: a stream the client left, a
 * server that does not send usage. The trace marks it as estimated.
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
