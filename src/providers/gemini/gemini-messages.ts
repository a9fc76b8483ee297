import { BadRequestError } from '../../errors/sereno-error.js';
import type { ChatMessage, ToolCall } from '../../wire/openai/chat-request-schema.js';
import { toGeminiParts } from './gemini-parts.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';
import type { GeminiContent, GeminiPart, GeminiRole } from './gemini-wire.js';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

/** The conversation in Gemini's terms: the turns, and the system text kept apart. */
export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

function invalid(message: string, param: string): BadRequestError {
  return new BadRequestError(message, { code: 'invalid_request', param });
}

/**
 * Gemini wants each turn once: adjacent messages of one role become one turn, which is
 * also how it expects the results of parallel tool calls (all in one turn, one part each).
 */
function append(contents: GeminiContent[], role: GeminiRole, parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function parseArguments(call: ToolCall, param: string): Record<string, unknown> {
  const text = call.function.arguments.trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('Tool call arguments must be JSON.', param);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('Tool call arguments must be a JSON object for Gemini.', param);
  }
  return parsed as Record<string, unknown>;
}

function assistantParts(
  message: AssistantMessage,
  param: string,
  toolNames: Map<string, string>,
): GeminiPart[] {
  const parts = toGeminiParts(message.content, `${param}.content`);
  (message.tool_calls ?? []).forEach((call, index) => {
    toolNames.set(call.id, call.function.name);
    const args = parseArguments(call, `${param}.tool_calls[${index}].function.arguments`);
    const part: GeminiPart = { functionCall: { name: call.function.name, args } };
    const signature = thoughtSignatureOf(call.id);
    if (signature) part.thoughtSignature = signature;
    parts.push(part);
  });
  return parts;
}

function textOf(content: string | { text: string }[] | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

/** Gemini's response must be an object; the tool's text goes under `output`, as Google advises. */
function functionResponsePart(name: string, output: string): GeminiPart {
  return { functionResponse: { name, response: { output } } };
}

function toolResultPart(
  message: ToolMessage,
  param: string,
  toolNames: Map<string, string>,
): GeminiPart {
  const name = toolNames.get(message.tool_call_id);
  if (!name) {
    throw invalid(
      `No earlier assistant message has a tool call with id ${message.tool_call_id}.`,
      `${param}.tool_call_id`,
    );
  }
  return functionResponsePart(name, textOf(message.content));
}

/**
 * Translates OpenAI chat messages into Gemini contents. System and developer messages,
 * wherever they stand, are joined in order into `systemInstruction`, Gemini's only place
 * for them; when they are all there is, they are sent as the user's turn instead, since
 * Gemini refuses a request with no contents. Tool results find their function's name
 * through the id of the earlier tool call they answer.
 */
export function toGeminiConversation(messages: ChatMessage[]): GeminiConversation {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...toGeminiParts(message.content, `${param}.content`));
        return;
      case 'user':
        append(contents, 'user', toGeminiParts(message.content, `${param}.content`));
        return;
      case 'assistant':
        append(contents, 'model', assistantParts(message, param, toolNames));
        return;
      case 'tool':
        append(contents, 'user', [toolResultPart(message, param, toolNames)]);
        return;
      case 'function':
        append(contents, 'user', [functionResponsePart(message.name, message.content ?? '')]);
        return;
    }
  });

  if (contents.length > 0) {
    return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
  }
  return { contents: system.length > 0 ? [{ role: 'user', parts: system }] : [] };
}
