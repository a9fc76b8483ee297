import {
  eventFrame,
  startFakeServer,
  type FakeServer,
  type RecordedRequest,
  type Script,
} from './fake-server.js';

/**
 * A fake Anthropic Messages API: `POST /v1/messages`, JSON and SSE, tool use included, in
 * Anthropic's wire format. It checks what the real API checks first (key, version header,
 * required fields, alternating roles) and computes usage from the request, so that tests
 * can work out costs by hand.
 */

interface Block {
  type: string;
  text?: string;
  content?: string | { type: string; text?: string }[];
}

export interface MessagesBody {
  model?: string;
  max_tokens?: number;
  system?: string | { type: string; text: string }[];
  messages?: { role: string; content: string | Block[] }[];
  tools?: { name: string }[];
  tool_choice?: { type: string; name?: string };
  stream?: boolean;
}

export interface AnthropicUsageFixture {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export interface ToolUseFixture {
  id: string;
  name: string;
  input: Record<string, unknown>;
}

const defaultModel = 'claude-sonnet-4-5-20250929';

export function anthropicUsage(
  input: number,
  output: number,
  cache: { write?: number; read?: number } = {},
): AnthropicUsageFixture {
  return {
    input_tokens: input,
    cache_creation_input_tokens: cache.write ?? 0,
    cache_read_input_tokens: cache.read ?? 0,
    output_tokens: output,
  };
}

/** A whole Message, as `POST /v1/messages` answers without `stream`. */
export function anthropicMessage(options: {
  text?: string;
  toolUses?: ToolUseFixture[];
  model?: string;
  usage?: AnthropicUsageFixture;
  stopReason?: string;
}) {
  const content: Record<string, unknown>[] = [];
  if (options.text !== undefined) content.push({ type: 'text', text: options.text });
  for (const tool of options.toolUses ?? []) content.push({ type: 'tool_use', ...tool });
  return {
    id: 'msg_01FakeAnswer',
    type: 'message',
    role: 'assistant',
    model: options.model ?? defaultModel,
    content,
    stop_reason: options.stopReason ?? (options.toolUses?.length ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: options.usage ?? anthropicUsage(10, 5),
  };
}

/**
 * The events of a streamed answer: `message_start` with the input counts, a text block
 * with one delta per piece, then each tool call with its input JSON split in two, and the
 * closing `message_delta` (cumulative output count) and `message_stop`.
 */
export function anthropicStreamFrames(options: {
  pieces?: string[];
  toolUses?: ToolUseFixture[];
  model?: string;
  usage?: AnthropicUsageFixture;
  stopReason?: string;
}): string[] {
  const usage = options.usage ?? anthropicUsage(10, 5);
  const frames = [
    eventFrame('message_start', {
      type: 'message_start',
      message: {
        ...anthropicMessage({ model: options.model, usage: { ...usage, output_tokens: 1 } }),
        stop_reason: null,
      },
    }),
    eventFrame('ping', { type: 'ping' }),
  ];
  let index = 0;
  if (options.pieces) frames.push(...textBlockFrames(index++, options.pieces));
  for (const tool of options.toolUses ?? []) frames.push(...toolUseFrames(index++, tool));
  const stopReason = options.stopReason ?? (options.toolUses?.length ? 'tool_use' : 'end_turn');
  frames.push(
    eventFrame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    }),
    eventFrame('message_stop', { type: 'message_stop' }),
  );
  return frames;
}

function textBlockFrames(index: number, pieces: string[]): string[] {
  return [
    eventFrame('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '' },
    }),
    ...pieces.map((text) =>
      eventFrame('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text },
      }),
    ),
    eventFrame('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

function toolUseFrames(index: number, tool: ToolUseFixture): string[] {
  const json = JSON.stringify(tool.input);
  const half = Math.floor(json.length / 2);
  return [
    eventFrame('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id: tool.id, name: tool.name, input: {} },
    }),
    ...['', json.slice(0, half), json.slice(half)].map((partial_json) =>
      eventFrame('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      }),
    ),
    eventFrame('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

/** Anthropic's error body with its status; `headers` carry a `retry-after`, say. */
export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Script {
  return {
    kind: 'json',
    status,
    headers: { 'request-id': 'req_01FakeError', ...headers },
    body: { type: 'error', error: { type, message } },
  };
}

export const anthropicOverloaded = (): Script =>
  anthropicError(529, 'overloaded_error', 'Overloaded');

export const anthropicRateLimited = (retryAfterSeconds: number): Script =>
  anthropicError(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit.', {
    'retry-after': String(retryAfterSeconds),
  });

/** Input tokens as the fake counts them: one per 4 characters of system and messages. */
export function fakeInputTokens(body: MessagesBody): number {
  const characters = JSON.stringify([body.system ?? '', body.messages ?? []]).length;
  return Math.max(1, Math.ceil(characters / 4));
}

/** What the last user turn says: its text, and what its tool results returned. */
function lastUserText(body: MessagesBody): string {
  const user = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  if (typeof user?.content === 'string') return user.content;
  return (user?.content ?? [])
    .map((block) => {
      if (block.type === 'text') return block.text ?? '';
      if (block.type === 'image') return '[image]';
      if (block.type !== 'tool_result') return `[${block.type}]`;
      const result = block.content;
      const text = typeof result === 'string' ? result : result?.map((part) => part.text).join('');
      return `[tool result: ${text ?? ''}]`;
    })
    .join(' ');
}

function endsWithToolResult(body: MessagesBody): boolean {
  const last = body.messages?.at(-1);
  return Array.isArray(last?.content) && last.content.some((block) => block.type === 'tool_result');
}

/** The first check the real API makes that this request fails, as its error answer. */
function findRequestError(request: RecordedRequest, body: MessagesBody): Script | undefined {
  if (!request.headers['x-api-key']) {
    return anthropicError(401, 'authentication_error', 'x-api-key header is required');
  }
  if (!request.headers['anthropic-version']) {
    return anthropicError(400, 'invalid_request_error', 'anthropic-version header is required');
  }
  for (const field of ['model', 'max_tokens', 'messages'] as const) {
    if (body[field] === undefined) {
      return anthropicError(400, 'invalid_request_error', `${field}: Field required`);
    }
  }
  const roles = (body.messages ?? []).map((message) => message.role);
  if (
    roles.some((role, index) => role === roles[index - 1] || !['user', 'assistant'].includes(role))
  ) {
    return anthropicError(
      400,
      'invalid_request_error',
      'messages: roles must alternate between "user" and "assistant"',
    );
  }
  return undefined;
}

function toolToCall(body: MessagesBody): string | undefined {
  const choice = body.tool_choice?.type ?? 'auto';
  if (!body.tools?.length || choice === 'none' || endsWithToolResult(body)) return undefined;
  return choice === 'tool' ? body.tool_choice?.name : body.tools[0]?.name;
}

function messagesScript(request: RecordedRequest): Script {
  const body = (request.body ?? {}) as MessagesBody;
  const failure = findRequestError(request, body);
  if (failure) return failure;

  const model = body.model ?? defaultModel;
  const toolName = toolToCall(body);
  if (toolName) {
    const toolUses = [{ id: 'toolu_01FakeCall', name: toolName, input: { city: 'Paris' } }];
    const usage = anthropicUsage(fakeInputTokens(body), 12);
    if (body.stream)
      return { kind: 'sse', frames: anthropicStreamFrames({ toolUses, model, usage }) };
    return { kind: 'json', body: anthropicMessage({ toolUses, model, usage }) };
  }

  const text = `Hello! You said: ${lastUserText(body)}`;
  const pieces = text.split(/(?<= )/);
  const usage = anthropicUsage(fakeInputTokens(body), pieces.length);
  if (body.stream) return { kind: 'sse', frames: anthropicStreamFrames({ pieces, model, usage }) };
  return { kind: 'json', body: anthropicMessage({ text, model, usage }) };
}

function respond(request: RecordedRequest): Script {
  if (request.method === 'POST' && request.path.split('?')[0] === '/v1/messages') {
    return messagesScript(request);
  }
  return anthropicError(404, 'not_found_error', `Unknown route ${request.method} ${request.path}`);
}

export interface FakeAnthropic extends FakeServer {
  /** The base URL to put in `api_base`: the bare origin, as Anthropic's own default is. */
  baseUrl: string;
}

export async function startFakeAnthropic(): Promise<FakeAnthropic> {
  const server = await startFakeServer(respond);
  return Object.assign(server, { baseUrl: server.origin });
}
