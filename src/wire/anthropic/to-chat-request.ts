import { BadRequestError } from '../../errors/sereno-error.js';
import type { ChatRequest, Tool, ToolChoice } from '../openai/chat-request-schema.js';
import {
  isCustomTool,
  type MessagesInput,
  type ToolChoiceParam,
  type ToolParam,
} from './messages-request-schema.js';
import { toChatMessages, toSystemMessages } from './to-chat-messages.js';

export interface ToChatRequestOptions {
  /**
   * Whether `top_k` may go upstream: only when every deployment that can serve the
   * request speaks Anthropic's protocol, since OpenAI-compatible upstreams reject it.
   */
  forwardTopK: boolean;
}

/**
 * A Messages API request as Sereno's internal (OpenAI-shaped) chat request: `system`
 * becomes the first message, `stop_sequences` become `stop`, `metadata.user_id` becomes
 * `user`, tools become function tools, `output_config.format` becomes `response_format`.
 * Fields without a counterpart are dropped, as the schema's doc comment lists. Throws a
 * 400 for what cannot be translated.
 */
export function toChatRequest(request: MessagesInput, options: ToChatRequestOptions): ChatRequest {
  const chat: ChatRequest = {
    model: request.model,
    messages: [...toSystemMessages(request.system), ...toChatMessages(request.messages)],
  };
  if (request.max_tokens !== undefined) chat.max_tokens = request.max_tokens;
  if (request.stream) chat.stream = true;
  if (request.temperature !== undefined) chat.temperature = request.temperature;
  if (request.top_p !== undefined) chat.top_p = request.top_p;
  if (options.forwardTopK && request.top_k !== undefined) chat.top_k = request.top_k;
  if (request.stop_sequences && request.stop_sequences.length > 0) {
    chat.stop = request.stop_sequences;
  }
  if (typeof request.metadata?.user_id === 'string') chat.user = request.metadata.user_id;
  const format = request.output_config?.format;
  if (format) {
    chat.response_format = {
      type: 'json_schema',
      json_schema: { name: 'output', schema: format.schema },
    };
  }
  Object.assign(chat, toolFields(request));
  return chat;
}

/**
 * Tools and the choice among them. OpenAI refuses `tool_choice` and `parallel_tool_calls`
 * without tools, so both are set only when there are tools.
 */
function toolFields(request: MessagesInput): Partial<ChatRequest> {
  if (!request.tools || request.tools.length === 0) return {};
  const fields: Partial<ChatRequest> = {
    tools: request.tools.map((tool, index) => toFunctionTool(tool, `tools[${index}]`)),
  };
  const choice = request.tool_choice;
  if (choice) fields.tool_choice = toToolChoice(choice);
  if (choice?.disable_parallel_tool_use === true) fields.parallel_tool_calls = false;
  return fields;
}

function toFunctionTool(tool: ToolParam, param: string): Tool {
  if (!isCustomTool(tool)) {
    throw new BadRequestError(
      `Server tool \`${tool.type}\` is not supported: server tools run inside Anthropic's ` +
        'API, and Sereno may route this request to any provider. Declare a custom tool ' +
        '(name, description, input_schema) and run it yourself.',
      { code: 'unsupported_parameter', param: `${param}.type` },
    );
  }
  const declared: Tool['function'] = { name: tool.name, parameters: tool.input_schema };
  if (tool.description !== undefined) declared.description = tool.description;
  return { type: 'function', function: declared };
}

function toToolChoice(choice: ToolChoiceParam): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}
