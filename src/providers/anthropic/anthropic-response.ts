import type { ToolCall } from '../../wire/openai/chat-request-schema.js';
import type { AssistantMessage, FinishReason } from '../../wire/openai/chat-response.js';
import { toOpenAiUsage } from '../../wire/openai/openai-usage.js';
import type { ChatResult } from '../provider.js';
import { invalidResponseError } from '../upstream-error.js';
import { fromAnthropicUsage, type AnthropicUsage } from './anthropic-usage.js';

/** A content block of Anthropic's answer; only `text` and `tool_use` are read. */
interface AnthropicAnswerBlock {
  type: string;
  text?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
}

interface AnthropicMessage {
  id?: unknown;
  model?: unknown;
  content: AnthropicAnswerBlock[];
  stop_reason?: unknown;
  usage?: AnthropicUsage;
}

/** What the translation of an answer needs besides the answer. */
export interface AnswerContext {
  provider: string;
  /** The forced tool whose input is the answer, when the client asked for JSON. */
  jsonToolName: string | undefined;
  /** Unix seconds, for `created`: Anthropic's answer carries no time. */
  created: number;
}

const finishReasons: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * Anthropic's `stop_reason` as OpenAI's `finish_reason`. A stop for tool use that leaves
 * no tool call to the client, as when the tool was the JSON answer, is a plain stop.
 */
export function toFinishReason(stopReason: unknown, hasToolCalls: boolean): FinishReason {
  const reason = (typeof stopReason === 'string' && finishReasons[stopReason]) || 'stop';
  return reason === 'tool_calls' && !hasToolCalls ? 'stop' : reason;
}

/** A tool input as OpenAI's `arguments`: JSON text of an object. */
export function toArguments(input: unknown): string {
  return JSON.stringify(input ?? {});
}

/**
 * Translates an Anthropic Message into a chat completion in OpenAI's shape.
 *
 * Text blocks are joined into `content`; `tool_use` blocks become `tool_calls`. Thinking
 * (`thinking`, `redacted_thinking`) is left out of the content, as OpenAI's message has no
 * place for it, and so are the blocks of Anthropic's server tools (web search results and
 * the like). When the client asked for JSON, the content is the forced tool's input as
 * JSON text and nothing else, so that it parses.
 */
export function toChatResult(body: unknown, context: AnswerContext): ChatResult {
  const message = asAnthropicMessage(context.provider, body);
  const usage = fromAnthropicUsage(message.usage);
  const toolCalls: ToolCall[] = [];
  const texts: string[] = [];
  let json: string | undefined;

  for (const block of message.content) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    if (block.type !== 'tool_use') continue;
    if (block.name === context.jsonToolName) json = toArguments(block.input);
    else toolCalls.push(toToolCall(block));
  }

  const content = context.jsonToolName ? (json ?? null) : texts.join('') || null;
  const assistant: AssistantMessage = { role: 'assistant', content };
  if (toolCalls.length > 0) assistant.tool_calls = toolCalls;
  const finishReason = toFinishReason(message.stop_reason, toolCalls.length > 0);

  const response = {
    id: typeof message.id === 'string' ? message.id : 'msg_unknown',
    object: 'chat.completion' as const,
    created: context.created,
    model: typeof message.model === 'string' ? message.model : '',
    choices: [{ index: 0, message: assistant, finish_reason: finishReason, logprobs: null }],
    usage: toOpenAiUsage(usage),
  };
  return { response, usage };
}

function toToolCall(block: AnthropicAnswerBlock): ToolCall {
  return {
    id: String(block.id ?? ''),
    type: 'function',
    function: { name: String(block.name ?? ''), arguments: toArguments(block.input) },
  };
}

function asAnthropicMessage(provider: string, body: unknown): AnthropicMessage {
  const candidate = body as Partial<AnthropicMessage> | null;
  const blocksAreValid =
    Array.isArray(candidate?.content) &&
    candidate.content.every(
      (block: unknown) =>
        block !== null &&
        typeof block === 'object' &&
        typeof (block as { type?: unknown }).type === 'string',
    );
  if (!blocksAreValid) {
    throw invalidResponseError(
      provider,
      'a message must have a content list of typed blocks',
      JSON.stringify(body),
    );
  }
  return candidate as AnthropicMessage;
}
