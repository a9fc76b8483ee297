import type { ChatMessage, ContentPart, ToolCall } from '../openai/chat-request-schema.js';
import type {
  MessageParam,
  MessagesInput,
  ToolResultBlockParam,
} from './messages-request-schema.js';
import { textPart, toContentPart } from './to-content-part.js';

type UserParam = Extract<MessageParam, { role: 'user' }>;
type AssistantParam = Extract<MessageParam, { role: 'assistant' }>;
type TextPart = Extract<ContentPart, { type: 'text' }>;

/** Anthropic's top-level `system` as one system message; its blocks stay separate parts. */
export function toSystemMessages(system: MessagesInput['system']): ChatMessage[] {
  if (system === undefined || system.length === 0) return [];
  if (typeof system === 'string') return [{ role: 'system', content: system }];
  return [{ role: 'system', content: system.map((block) => textPart(block.text)) }];
}

/**
 * Anthropic's turns as OpenAI chat messages, in the order they were written.
 *
 * - A user turn's text, images and documents form a user message; each `tool_result`
 *   becomes a `tool` message where it stands, so that results follow the assistant's calls.
 * - Images and PDFs inside a `tool_result` move to the user message right after the
 *   `tool` messages, because OpenAI's tool messages hold text only.
 * - A result with `is_error: true` starts with the text `Error:`; OpenAI's tool messages
 *   have no error flag, and without it the model would take the failure for an answer.
 * - An assistant turn's text becomes its content and its `tool_use` blocks its
 *   `tool_calls`; `thinking` and `redacted_thinking` blocks are dropped.
 * - A `system` message among the turns stays a system message where it stands.
 *
 * Throws a 400 for a block with no OpenAI counterpart (see `toContentPart`).
 */
export function toChatMessages(messages: MessageParam[]): ChatMessage[] {
  return messages.flatMap((message, index) => {
    switch (message.role) {
      case 'user':
        return fromUserTurn(message, `messages[${index}]`);
      case 'assistant':
        return [fromAssistantTurn(message)];
      case 'system':
        return toSystemMessages(message.content);
    }
  });
}

function fromUserTurn(message: UserParam, param: string): ChatMessage[] {
  if (typeof message.content === 'string') return [{ role: 'user', content: message.content }];

  const translated: ChatMessage[] = [];
  const media: ContentPart[] = [];
  let pending: ContentPart[] = [];
  const flush = (parts: ContentPart[]) => {
    if (parts.length > 0) translated.push({ role: 'user', content: parts });
    pending = [];
  };

  message.content.forEach((block, index) => {
    const blockParam = `${param}.content[${index}]`;
    if (block.type !== 'tool_result') {
      pending.push(toContentPart(block, blockParam));
      return;
    }
    flush(pending);
    const result = fromToolResult(block, blockParam);
    translated.push(result.message);
    media.push(...result.media);
  });
  // The results' media come first: they belong to results written before the rest.
  flush([...media, ...pending]);
  return translated;
}

function fromToolResult(
  block: ToolResultBlockParam,
  param: string,
): { message: ChatMessage; media: ContentPart[] } {
  const texts: TextPart[] = [];
  const media: ContentPart[] = [];
  const content = typeof block.content === 'string' ? [textPart(block.content)] : block.content;

  (content ?? []).forEach((part, index) => {
    const translated = toContentPart(part, `${param}.content[${index}]`);
    if (translated.type === 'text') texts.push(translated);
    else media.push(translated);
  });
  if (block.is_error) texts.unshift(textPart('Error:'));

  return {
    message: { role: 'tool', tool_call_id: block.tool_use_id, content: joinedText(texts) ?? '' },
    media,
  };
}

function fromAssistantTurn(message: AssistantParam): ChatMessage {
  if (typeof message.content === 'string') return { role: 'assistant', content: message.content };

  const texts: TextPart[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(textPart(block.text));
    if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    }
  }

  const content = joinedText(texts);
  return toolCalls.length > 0
    ? { role: 'assistant', content, tool_calls: toolCalls }
    : { role: 'assistant', content };
}

/** One block as a plain string, several as parts (their boundaries kept), none as null. */
function joinedText(texts: TextPart[]): string | TextPart[] | null {
  const [first] = texts;
  if (!first) return null;
  return texts.length === 1 ? first.text : texts;
}
