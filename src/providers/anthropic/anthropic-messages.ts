import { BadRequestError } from '../../errors/sereno-error.js';
import type { ChatMessage, ToolCall } from '../../wire/openai/chat-request-schema.js';
import {
  toContentBlock,
  toTextBlocks,
  withCacheControl,
  type AnthropicBlock,
  type AnthropicTextBlock,
  type AnthropicToolUseBlock,
} from './anthropic-content.js';

/** One message of Anthropic's `messages` list. */
export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

/** An OpenAI conversation split the way Anthropic wants it. */
export interface AnthropicConversation {
  system: AnthropicTextBlock[];
  messages: AnthropicTurn[];
}

/**
 * Splits OpenAI messages into Anthropic's top-level `system` and alternating turns.
 *
 * - `system` and `developer` messages go to `system`, in order, wherever they stood:
 *   Anthropic has no system turn inside the conversation.
 * - `tool` messages become `tool_result` blocks in a user turn.
 * - Consecutive turns of one role are merged into one, since Anthropic requires the roles
 *   to alternate; this is also what puts parallel tool results in a single user turn.
 * - An assistant message with neither text nor tool calls adds nothing and is left out,
 *   as Anthropic refuses empty content.
 */
export function toAnthropicConversation(messages: ChatMessage[]): AnthropicConversation {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicTurn[] = [];

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...markLastBlock(toTextBlocks(message.content), message));
      return;
    }
    const turn = toTurn(message, param);
    if (turn.content.length > 0) turns.push(turn);
  });

  return { system, messages: mergeSameRoleTurns(turns) };
}

function toTurn(
  message: Exclude<ChatMessage, { role: 'system' | 'developer' }>,
  param: string,
): AnthropicTurn {
  switch (message.role) {
    case 'user': {
      const content =
        typeof message.content === 'string'
          ? toTextBlocks(message.content)
          : message.content.map((part, index) =>
              toContentBlock(part, `${param}.content[${index}]`),
            );
      return { role: 'user', content: markLastBlock(content, message) };
    }
    case 'assistant':
      return {
        role: 'assistant',
        content: markLastBlock(assistantBlocks(message, param), message),
      };
    case 'tool': {
      const content =
        typeof message.content === 'string' ? message.content : toTextBlocks(message.content);
      const block: AnthropicBlock = {
        type: 'tool_result',
        tool_use_id: message.tool_call_id,
        content,
      };
      return { role: 'user', content: [withCacheControl(block, message)] };
    }
    case 'function':
      throw new BadRequestError(
        'Anthropic models do not take the legacy `function` role; send `tool` messages.',
        { code: 'unsupported_parameter', param: `${param}.role` },
      );
  }
}

function assistantBlocks(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  param: string,
): AnthropicBlock[] {
  const blocks: AnthropicBlock[] = [];
  if (typeof message.content === 'string') {
    if (message.content !== '') blocks.push({ type: 'text', text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      const text = part.type === 'text' ? part.text : part.refusal;
      if (text !== '') blocks.push(withCacheControl({ type: 'text', text }, part));
    }
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    blocks.push(toToolUseBlock(call, `${param}.tool_calls[${index}].function.arguments`));
  });
  return blocks;
}

/** An OpenAI tool call as a `tool_use` block; its arguments must be a JSON object. */
function toToolUseBlock(call: ToolCall, param: string): AnthropicToolUseBlock {
  const text = call.function.arguments.trim();
  let input: unknown;
  try {
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    input = undefined;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new BadRequestError(
      `The arguments of tool call \`${call.id}\` must be a JSON object for Anthropic models.`,
      { code: 'invalid_request', param },
    );
  }
  return {
    type: 'tool_use',
    id: call.id,
    name: call.function.name,
    input: input as Record<string, unknown>,
  };
}

/** A `cache_control` on a whole message marks its last block, where Anthropic reads it. */
function markLastBlock<T extends AnthropicBlock>(blocks: T[], message: object): T[] {
  const last = blocks.at(-1);
  if (!last) return blocks;
  return [...blocks.slice(0, -1), withCacheControl(last, message)];
}

function mergeSameRoleTurns(turns: AnthropicTurn[]): AnthropicTurn[] {
  const merged: AnthropicTurn[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    if (previous?.role === turn.role) previous.content.push(...turn.content);
    else merged.push({ role: turn.role, content: [...turn.content] });
  }
  return merged;
}
