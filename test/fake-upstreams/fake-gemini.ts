import {
  startFakeServer,
  type FakeServer,
  type RecordedRequest,
  type Script,
} from './fake-server.js';

/**
 * A fake Gemini API (Google AI for Developers): generateContent, streamGenerateContent
 * with `alt=sse`, and batchEmbedContents, in Google's wire format. It checks the
 * `x-goog-api-key` header as Google does, answering 400 API_KEY_INVALID for a wrong key,
 * and computes usage from the request so that tests can work out costs by hand.
 */

interface GeminiPartBody {
  text?: string;
  functionResponse?: { name: string; response: { output?: unknown } };
}

interface GenerateBody {
  contents?: { role?: string; parts?: GeminiPartBody[] }[];
  systemInstruction?: unknown;
  tools?: { functionDeclarations?: { name: string }[] }[];
  toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
  generationConfig?: { candidateCount?: number };
}

interface EmbedBody {
  requests?: { content?: { parts?: { text?: string }[] }; outputDimensionality?: number }[];
}

export interface GeminiUsageFixture {
  promptTokenCount: number;
  candidatesTokenCount?: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

export function geminiUsage(
  prompt: number,
  candidates: number,
  extra: { cached?: number; thoughts?: number } = {},
): GeminiUsageFixture {
  const usage: GeminiUsageFixture = {
    promptTokenCount: prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt + candidates + (extra.thoughts ?? 0),
  };
  if (extra.cached) usage.cachedContentTokenCount = extra.cached;
  if (extra.thoughts) usage.thoughtsTokenCount = extra.thoughts;
  return usage;
}

/** A whole generateContent answer with one candidate per `choices`. */
export function geminiAnswer(options: {
  text?: string;
  functionCalls?: { name: string; args: Record<string, unknown> }[];
  finishReason?: string;
  usage?: GeminiUsageFixture;
  model?: string;
  choices?: number;
}) {
  const parts: unknown[] = [];
  if (options.text !== undefined) parts.push({ text: options.text });
  for (const call of options.functionCalls ?? []) parts.push({ functionCall: call });
  return {
    candidates: Array.from({ length: options.choices ?? 1 }, (_, index) => ({
      content: { parts, role: 'model' },
      finishReason: options.finishReason ?? 'STOP',
      index,
    })),
    usageMetadata: options.usage ?? geminiUsage(10, 5),
    modelVersion: options.model ?? 'gemini-2.5-flash',
    responseId: 'fakeGeminiResponse1',
  };
}

/** One SSE event as Google frames them, each ending with a CRLF blank line. */
export function geminiFrame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\r\n\r\n`;
}

/**
 * The events of a streamed answer: one per piece, running usage, the finish on the last
 * unless `finished` is false (a stream Google cut short).
 */
export function geminiStreamFrames(options: {
  pieces: string[];
  usage: GeminiUsageFixture;
  finishReason?: string;
  finished?: boolean;
  model?: string;
}): string[] {
  return options.pieces.map((piece, index) => {
    const last = index === options.pieces.length - 1;
    const candidate: Record<string, unknown> = {
      content: { parts: [{ text: piece }], role: 'model' },
      index: 0,
    };
    if (last && options.finished !== false) candidate.finishReason = options.finishReason ?? 'STOP';
    const usageMetadata = last
      ? options.usage
      : { ...options.usage, candidatesTokenCount: index + 1, thoughtsTokenCount: undefined };
    return geminiFrame({
      candidates: [candidate],
      usageMetadata,
      modelVersion: options.model ?? 'gemini-2.5-flash',
      responseId: 'fakeGeminiStream1',
    });
  });
}

/** An answer in Google's error envelope. */
export function geminiError(
  status: number,
  googleStatus: string,
  message: string,
  details: unknown[] = [],
  headers: Record<string, string> = {},
): Script {
  const error: Record<string, unknown> = { code: status, message, status: googleStatus };
  if (details.length > 0) error.details = details;
  return { kind: 'json', status, headers, body: { error } };
}

export function geminiApiKeyInvalid(): Script {
  return geminiError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}

/** A quota error with both a `retry-after` header and Google's RetryInfo detail. */
export function geminiRateLimited(retryAfterSeconds: number): Script {
  return geminiError(
    429,
    'RESOURCE_EXHAUSTED',
    'You exceeded your current quota, please check your plan and billing details.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retryDelay: `${retryAfterSeconds}s`,
      },
    ],
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function lastUserTurn(body: GenerateBody) {
  return [...(body.contents ?? [])].reverse().find((content) => content.role === 'user');
}

/** Prompt tokens as the fake counts them: one per 4 characters of the request, at least 1. */
export function fakeGeminiPromptTokens(body: GenerateBody): number {
  const characters = JSON.stringify([body.systemInstruction, body.contents]).length;
  return Math.max(1, Math.ceil(characters / 4));
}

function wantedFunction(body: GenerateBody): string | undefined {
  const declared = body.tools?.flatMap((tool) => tool.functionDeclarations ?? []) ?? [];
  const config = body.toolConfig?.functionCallingConfig;
  const answered = lastUserTurn(body)?.parts?.some((part) => part.functionResponse);
  if (declared.length === 0 || config?.mode === 'NONE' || answered) return undefined;
  return config?.allowedFunctionNames?.[0] ?? declared[0]?.name;
}

function replyText(body: GenerateBody): string {
  const parts = lastUserTurn(body)?.parts ?? [];
  const result = parts.find((part) => part.functionResponse)?.functionResponse;
  if (result) return `The tool said: ${String(result.response.output)}`;
  return `Hello! You said: ${parts.map((part) => part.text ?? '[media]').join(' ')}`;
}

function generateScript(body: GenerateBody, stream: boolean): Script {
  const prompt = fakeGeminiPromptTokens(body);
  const functionName = wantedFunction(body);
  if (functionName) {
    const answer = geminiAnswer({
      functionCalls: [{ name: functionName, args: { city: 'Paris' } }],
      usage: geminiUsage(prompt, 6),
    });
    return stream ? { kind: 'sse', frames: [geminiFrame(answer)] } : { kind: 'json', body: answer };
  }
  const text = replyText(body);
  const pieces = text.split(/(?<= )/);
  const usage = geminiUsage(prompt, pieces.length);
  if (stream) return { kind: 'sse', frames: geminiStreamFrames({ pieces, usage }) };
  const choices = body.generationConfig?.candidateCount ?? 1;
  return { kind: 'json', body: geminiAnswer({ text, usage, choices }) };
}

function embedScript(body: EmbedBody): Script {
  const embeddings = (body.requests ?? []).map((request) => {
    const text = request.content?.parts?.map((part) => part.text ?? '').join('') ?? '';
    const length = request.outputDimensionality ?? 8;
    return { values: Array.from({ length }, (_, index) => ((text.length + index) % 10) / 10) };
  });
  return { kind: 'json', body: { embeddings } };
}

function respondAs(apiKey: string) {
  return (request: RecordedRequest): Script => {
    if (request.headers['x-goog-api-key'] !== apiKey) return geminiApiKeyInvalid();
    const url = new URL(request.path, 'http://fake');
    const match = /^\/v1beta\/models\/([^/:]+):(\w+)$/.exec(url.pathname);
    const method = request.method === 'POST' ? match?.[2] : undefined;
    if (method === 'generateContent') return generateScript(request.body as GenerateBody, false);
    if (method === 'streamGenerateContent' && url.searchParams.get('alt') === 'sse') {
      return generateScript(request.body as GenerateBody, true);
    }
    if (method === 'batchEmbedContents') return embedScript(request.body as EmbedBody);
    return geminiError(404, 'NOT_FOUND', `Unknown method ${request.method} ${url.pathname}.`);
  };
}

export interface FakeGemini extends FakeServer {
  /** The key the fake accepts in `x-goog-api-key`. */
  apiKey: string;
}

export async function startFakeGemini(apiKey = 'fake-gemini-key-0123456789'): Promise<FakeGemini> {
  const server = await startFakeServer(respondAs(apiKey));
  return Object.assign(server, { apiKey });
}
