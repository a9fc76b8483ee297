import { defaults } from '../../config/defaults.js';
import { BadRequestError } from '../../errors/sereno-error.js';
import type { Deployment } from '../../models/deployment.js';
import type { ChatRequest, Tool, ToolChoice } from '../../wire/openai/chat-request-schema.js';
import { withCacheControl, type AnthropicTextBlock } from './anthropic-content.js';
import { jsonOutputTool, type AnthropicTool } from './anthropic-json-output.js';
import { toAnthropicConversation, type AnthropicTurn } from './anthropic-messages.js';

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** The body of `POST /v1/messages`, as far as Sereno fills it. */
export interface AnthropicMessagesBody {
  model: string;
  max_tokens: number;
  messages: AnthropicTurn[];
  system?: AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  top_k?: number;
  thinking?: Record<string, unknown>;
  metadata?: { user_id: string };
  stream?: boolean;
}

/** The upstream body, and what the answer's translation must know about it. */
export interface AnthropicRequest {
  body: AnthropicMessagesBody;
  /** The forced tool that carries a JSON answer, when `response_format` asked for JSON. */
  jsonToolName: string | undefined;
}

/**
 * Translates an OpenAI chat request into Anthropic's Messages body. The body is built
 * field by field, so OpenAI-only fields (`seed`, `logprobs`, `presence_penalty`,
 * `frequency_penalty`, `logit_bias`, `reasoning_effort`, `service_tier`, `store`, ...)
 * are dropped rather than forwarded for Anthropic to refuse. `top_k` and `thinking`,
 * which are Anthropic's own, pass through. `temperature` goes as sent: Anthropic accepts
 * 0 to 1 and refuses more, where OpenAI accepts up to 2.
 *
 * Refused here with a 400: `n` above 1 (Anthropic answers one choice), the legacy
 * `functions` field, and `response_format` JSON together with the client's own tools.
 */
export function toAnthropicRequest(
  request: ChatRequest,
  deployment: Deployment,
  stream: boolean,
): AnthropicRequest {
  refuseUnsupported(request);
  const conversation = toAnthropicConversation(request.messages);
  const jsonTool = jsonOutputTool(request.response_format);

  const body: AnthropicMessagesBody = {
    model: deployment.upstreamModel,
    max_tokens: maxTokensOf(request, deployment),
    messages: conversation.messages,
  };
  if (conversation.system.length > 0) body.system = conversation.system;
  Object.assign(body, jsonTool ? forcedTool(jsonTool) : toolsOf(request));
  Object.assign(body, samplingOf(request));
  if (request.user) body.metadata = { user_id: request.user };
  if (stream) body.stream = true;

  return { body, jsonToolName: jsonTool?.name };
}

function refuseUnsupported(request: ChatRequest): void {
  const unsupported = (message: string, param: string) =>
    new BadRequestError(message, { code: 'unsupported_parameter', param });
  if ((request.n ?? 1) > 1) {
    throw unsupported('Anthropic models answer with one choice; `n` must be 1.', 'n');
  }
  if (request.functions !== undefined || request.function_call !== undefined) {
    throw unsupported(
      'Anthropic models do not take the legacy `functions` field; send `tools`.',
      'functions',
    );
  }
  const wantsJson = request.response_format && request.response_format.type !== 'text';
  if (wantsJson && (request.tools?.length ?? 0) > 0) {
    throw unsupported(
      'Anthropic models cannot combine `response_format` JSON output with `tools`.',
      'response_format',
    );
  }
}

/**
 * Anthropic requires a limit: the client's, else 4,096 (as LiteLLM sends), or the model's
 * own output limit when that is lower. Not the model's maximum: Anthropic counts
 * `max_tokens` against the output-token rate limit before a word is written.
 */
function maxTokensOf(request: ChatRequest, deployment: Deployment): number {
  const requested = request.max_completion_tokens ?? request.max_tokens;
  if (requested) return requested;
  const modelLimit = deployment.prices.max_output_tokens;
  return modelLimit
    ? Math.min(modelLimit, defaults.anthropicMaxTokens)
    : defaults.anthropicMaxTokens;
}

function toolsOf(request: ChatRequest): Pick<AnthropicMessagesBody, 'tools' | 'tool_choice'> {
  if (!request.tools || request.tools.length === 0) return {};
  const tools = request.tools.map(toAnthropicTool);
  const choice = toToolChoice(request.tool_choice ?? 'auto');
  if (request.parallel_tool_calls === false && choice.type !== 'none') {
    return { tools, tool_choice: { ...choice, disable_parallel_tool_use: true } };
  }
  return { tools, tool_choice: choice };
}

function toAnthropicTool(tool: Tool): AnthropicTool {
  const { name, description, parameters } = tool.function;
  const converted: AnthropicTool = {
    name,
    input_schema: parameters ?? { type: 'object', properties: {} },
  };
  if (description !== undefined) converted.description = description;
  return withCacheControl(converted, tool);
}

/** OpenAI's tool choice in Anthropic's words: `required` is `any`, a named function is `tool`. */
export function toToolChoice(choice: ToolChoice): AnthropicToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.function.name };
}

function forcedTool(tool: AnthropicTool): Pick<AnthropicMessagesBody, 'tools' | 'tool_choice'> {
  return { tools: [tool], tool_choice: { type: 'tool', name: tool.name } };
}

function samplingOf(request: ChatRequest): Partial<AnthropicMessagesBody> {
  const sampling: Partial<AnthropicMessagesBody> = {};
  if (typeof request.stop === 'string') sampling.stop_sequences = [request.stop];
  else if (Array.isArray(request.stop)) sampling.stop_sequences = request.stop;
  if (typeof request.temperature === 'number') sampling.temperature = request.temperature;
  if (typeof request.top_p === 'number') sampling.top_p = request.top_p;
  if (typeof request.top_k === 'number') sampling.top_k = request.top_k;
  if (isObject(request.thinking)) sampling.thinking = request.thinking;
  return sampling;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
