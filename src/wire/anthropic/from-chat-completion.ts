import { ProviderError } from '../../errors/provider-error.js';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { ToolCall } from '../openai/chat-request-schema.js';
import type { ChatCompletion } from '../openai/chat-response.js';
import { toAnthropicUsage } from './anthropic-usage.js';
import { messageIdFrom } from './message-id.js';
import type { AnthropicMessage, ContentBlock, ToolUseBlock } from './messages-response.js';
import { toStopReason } from './stop-reason.js';

export interface ToAnthropicMessageOptions {
  /** The model name the client asked for, which the answer repeats. */
  model: string;
  /** The provider that answered, named in the error when its tool call is not JSON. */
  provider: string;
}

/**
 * A chat completion as the body of a Messages API answer: the first choice's text (or
 * OpenAI's `refusal` text) as a text block, then one `tool_use` block per tool call with
 * its arguments parsed. Usage comes from Sereno's normalised usage, not the completion's
 * own, so that cache writes keep their bucket.
 *
 * Throws a 502 when a tool call's arguments are not a JSON object: Anthropic's `input`
 * must be one, and passing the text on would hand the client a block it cannot read.
 */
export function toAnthropicMessage(
  completion: ChatCompletion,
  usage: TokenUsage,
  options: ToAnthropicMessageOptions,
): AnthropicMessage {
  const choice = completion.choices[0];
  const message = choice?.message;
  const content: ContentBlock[] = [];
  const text = (message?.content ?? '') || (message?.refusal ?? '');
  if (text) content.push({ type: 'text', text });
  for (const call of message?.tool_calls ?? []) content.push(toToolUse(call, options.provider));

  return {
    id: messageIdFrom(completion.id),
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: toStopReason(choice?.finish_reason ?? null, Boolean(message?.refusal)),
    stop_sequence: null,
    usage: toAnthropicUsage(usage),
  };
}

function toToolUse(call: ToolCall, provider: string): ToolUseBlock {
  const input = parseArguments(call.function.arguments);
  if (!input) {
    throw new ProviderError({
      kind: 'upstream',
      status: 502,
      code: 'upstream_invalid_response',
      message:
        `${provider} answered with tool call \`${call.id}\`, ` +
        'whose arguments are not a JSON object.',
      provider,
      retryable: false,
    });
  }
  return { type: 'tool_use', id: call.id, name: call.function.name, input };
}

/** The arguments as an object; empty text, which some models send for no arguments, is `{}`. */
function parseArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    return isObject ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
