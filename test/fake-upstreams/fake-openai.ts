import {
  dataFrame,
  startFakeServer,
  type FakeServer,
  type RecordedRequest,
  type Script,
} from './fake-server.js';

/**
 * A fake OpenAI-compatible server: chat completions (JSON and SSE, tools included) and
 * embeddings, in OpenAI's wire format, with usage computed from the request so that
 * tests can work out costs by hand.
 */

interface ChatBody {
  model?: string;
  messages?: { role: string; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
  n?: number;
}

export interface OpenAiUsageFixture {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

function lastUserText(body: ChatBody): string {
  const user = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  if (typeof user?.content === 'string') return user.content;
  if (Array.isArray(user?.content)) {
    return user.content
      .map((part: { type?: string; text?: string }) =>
        part.type === 'text' ? part.text : '[image]',
      )
      .join(' ');
  }
  return '';
}

/** Prompt tokens as the fake counts them: one per 4 characters of message text, at least 1. */
export function fakePromptTokens(body: ChatBody): number {
  const characters = JSON.stringify(body.messages ?? []).length;
  return Math.max(1, Math.ceil(characters / 4));
}

export function openAiUsage(
  prompt: number,
  completion: number,
  extra: Partial<OpenAiUsageFixture> = {},
): OpenAiUsageFixture {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    ...extra,
  };
}

export function openAiCompletion(options: {
  content?: string | null;
  model?: string;
  usage?: OpenAiUsageFixture;
  toolCalls?: { id: string; name: string; arguments: string }[];
  finishReason?: string;
  choices?: number;
}) {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: options.content ?? null,
    refusal: null,
  };
  if (options.toolCalls) {
    message.tool_calls = options.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  const finishReason = options.finishReason ?? (options.toolCalls ? 'tool_calls' : 'stop');
  return {
    id: 'chatcmpl-fake123',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    choices: Array.from({ length: options.choices ?? 1 }, (_, index) => ({
      index,
      message,
      logprobs: null,
      finish_reason: finishReason,
    })),
    usage: options.usage ?? openAiUsage(10, 5),
    system_fingerprint: 'fp_fake',
  };
}

/** The frames of a streamed answer: role, one chunk per piece, the finish, usage, `[DONE]`. */
export function openAiStreamFrames(options: {
  pieces: string[];
  model?: string;
  usage?: OpenAiUsageFixture;
  finishReason?: string;
  done?: boolean;
}): string[] {
  const base = {
    id: 'chatcmpl-fake123',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_fake',
  };
  const frames = [
    dataFrame({
      ...base,
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: null,
        },
      ],
    }),
    ...options.pieces.map((piece) =>
      dataFrame({
        ...base,
        choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }],
      }),
    ),
    dataFrame({
      ...base,
      choices: [
        { index: 0, delta: {}, logprobs: null, finish_reason: options.finishReason ?? 'stop' },
      ],
    }),
  ];
  if (options.usage) frames.push(dataFrame({ ...base, choices: [], usage: options.usage }));
  if (options.done !== false) frames.push(dataFrame('[DONE]'));
  return frames;
}

/** Frames of a streamed tool call, its arguments split in two as OpenAI sends them. */
export function openAiToolCallFrames(
  name: string,
  args: string,
  usage: OpenAiUsageFixture,
): string[] {
  const base = {
    id: 'chatcmpl-fake123',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
  };
  const half = Math.floor(args.length / 2);
  return [
    dataFrame({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_fake1', type: 'function', function: { name, arguments: '' } },
            ],
          },
          finish_reason: null,
        },
      ],
    }),
    dataFrame({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] },
          finish_reason: null,
        },
      ],
    }),
    dataFrame({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] },
          finish_reason: null,
        },
      ],
    }),
    dataFrame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
    dataFrame({ ...base, choices: [], usage }),
    dataFrame('[DONE]'),
  ];
}

export function openAiError(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  headers: Record<string, string> = {},
): Script {
  return { kind: 'json', status, headers, body: { error: { message, type, param: null, code } } };
}

function chatScript(body: ChatBody): Script {
  const wantsTool =
    (body.tools?.length ?? 0) > 0 &&
    body.tool_choice !== 'none' &&
    body.messages?.at(-1)?.role !== 'tool';
  const text = `Hello! You said: ${lastUserText(body)}`;
  const prompt = fakePromptTokens(body);
  const pieces = text.split(/(?<= )/);
  const usage = openAiUsage(prompt, pieces.length);
  const model = body.model ?? 'unknown';

  if (wantsTool) {
    const name = body.tools?.[0]?.function.name ?? 'tool';
    if (body.stream)
      return { kind: 'sse', frames: openAiToolCallFrames(name, '{"city":"Paris"}', usage) };
    return {
      kind: 'json',
      body: openAiCompletion({
        model,
        usage,
        toolCalls: [{ id: 'call_fake1', name, arguments: '{"city":"Paris"}' }],
      }),
    };
  }
  if (body.stream) {
    const includeUsage = body.stream_options?.include_usage === true;
    return {
      kind: 'sse',
      frames: openAiStreamFrames({ pieces, model, usage: includeUsage ? usage : undefined }),
    };
  }
  return {
    kind: 'json',
    body: openAiCompletion({ content: text, model, usage, choices: body.n ?? 1 }),
  };
}

function encodeVector(vector: number[], format: string | undefined): number[] | string {
  if (format !== 'base64') return vector;
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

function embeddingsScript(body: {
  input?: unknown;
  model?: string;
  encoding_format?: string;
}): Script {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const tokens = inputs.reduce<number>(
    (sum, input) => sum + Math.max(1, Math.ceil(String(input).length / 4)),
    0,
  );
  return {
    kind: 'json',
    body: {
      object: 'list',
      data: inputs.map((input, index) => ({
        object: 'embedding',
        index,
        embedding: encodeVector(
          Array.from(
            { length: 8 },
            (_, dimension) => ((String(input).length + dimension) % 10) / 10,
          ),
          body.encoding_format,
        ),
      })),
      model: body.model ?? 'unknown',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

function respond(request: RecordedRequest): Script {
  if (request.method === 'POST' && request.path.split('?')[0]?.endsWith('/chat/completions')) {
    return chatScript((request.body ?? {}) as ChatBody);
  }
  if (request.method === 'POST' && request.path.split('?')[0]?.endsWith('/embeddings')) {
    return embeddingsScript((request.body ?? {}) as { input?: unknown });
  }
  return openAiError(
    404,
    `Unknown route ${request.method} ${request.path}`,
    'invalid_request_error',
  );
}

export interface FakeOpenAi extends FakeServer {
  /** The base URL to put in `api_base`: the origin with `/v1`. */
  baseUrl: string;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const server = await startFakeServer(respond);
  return Object.assign(server, { baseUrl: `${server.origin}/v1` });
}
