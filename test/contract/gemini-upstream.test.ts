import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  geminiAnswer,
  geminiError,
  geminiFrame,
  geminiRateLimited,
  geminiStreamFrames,
  geminiUsage,
  startFakeGemini,
  type FakeGemini,
} from '../fake-upstreams/fake-gemini.js';
import type { Script } from '../fake-upstreams/fake-server.js';
import { readTrace as readStoredTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-sereno-test-master-key';
const upstreamKey = 'gemini-contract-key-4f1d2b9c7a';
const wrongKey = 'gemini-wrong-key-8e7a6c5d3b';

interface TraceBody {
  id: string;
  totalCost: number;
  observations: {
    type: string;
    usageDetails: Record<string, number>;
    calculatedTotalCost: number;
    output: unknown;
  }[];
}

interface GenerateBody {
  systemInstruction?: unknown;
  contents: { role: string; parts: Record<string, unknown>[] }[];
  tools?: unknown;
  generationConfig?: Record<string, unknown>;
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      additionalProperties: false,
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

describe('the openai client against Sereno with a Gemini upstream', () => {
  let upstream: FakeGemini;
  let sereno: TestSereno;
  let client: OpenAI;
  const logLines: string[] = [];

  // Errors go to groups of their own and the router neither retries nor cools down, so
  // that each request meets exactly the answer the test scripted for it.
  beforeAll(async () => {
    upstream = await startFakeGemini(upstreamKey);
    const deployment = (name: string, model: string, key = upstreamKey, base = upstream.origin) => `
  - model_name: ${name}
    litellm_params:
      model: gemini/${model}
      api_base: ${base}
      api_key: ${key}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000004
      cache_read_input_token_cost: 0.00000025`;
    const modelList = [
      deployment('flash', 'gemini-2.5-flash'),
      deployment('flash-errors', 'gemini-2.5-flash'),
      deployment('flash-wrong-key', 'gemini-2.5-flash', wrongKey),
      // Port 1 on loopback: nothing listens there, so the connection is refused.
      deployment('flash-unreachable', 'gemini-2.5-flash', upstreamKey, 'http://127.0.0.1:1'),
      deployment('embedder', 'gemini-embedding-001'),
    ].join('');
    sereno = await startSereno(
      `
model_list:${modelList}
router_settings:
  num_retries: 0
  allowed_fails: 1000
general_settings:
  master_key: ${masterKey}
`,
      {},
      { logLevel: 'debug', logDestination: { write: (line: string) => logLines.push(line) } },
    );
    client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  function lastUpstreamBody(): GenerateBody {
    return upstream.requests.at(-1)?.body as GenerateBody;
  }

  async function readTrace(traceId: string | null): Promise<TraceBody> {
    return readStoredTrace<TraceBody>(sereno, traceId, `Bearer ${masterKey}`);
  }

  it('should answer a chat completion through generateContent', async () => {
    const answer = await client.chat.completions.create({
      model: 'flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 50,
      stop: ['END'],
    });

    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe(upstreamKey);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(lastUpstreamBody()).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      generationConfig: { maxOutputTokens: 50, stopSequences: ['END'] },
    });
    expect(answer.object).toBe('chat.completion');
    expect(answer.choices[0]?.message.content).toBe('Hello! You said: Hello');
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    // The fake counts a token per word: "Hello! ", "You ", "said: ", "Hello".
    expect(answer.usage?.completion_tokens).toBe(4);
  });

  it('should stream through streamGenerateContent and add usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(upstream.requests.at(-1)?.path).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello! You said: stream please');
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    // A token per word: "Hello! ", "You ", "said: ", "stream ", "please".
    expect(last?.usage?.completion_tokens).toBe(5);
  });

  it('should carry tool calls out and tool results back', async () => {
    const first = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(lastUpstreamBody()).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'The weather in a city',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
              },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    });
    const message = first.choices[0]!.message;
    const call = message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });

    const second = await client.chat.completions.create({
      model: 'flash',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        message,
        { role: 'tool', tool_call_id: call!.id, content: '18 C and sunny' },
      ],
    });
    expect(lastUpstreamBody().contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { output: '18 C and sunny' } } },
        ],
      },
    ]);
    expect(second.choices[0]?.message.content).toBe('The tool said: 18 C and sunny');
  });

  it('should assemble a streamed tool call', async () => {
    const stream = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
      stream: true,
    });
    let name = '';
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name += delta?.function?.name ?? '';
      args += delta?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finish).toBe('tool_calls');
  });

  it('should hand a thought signature back with the tool call it came with', async () => {
    const signature = Buffer.from('opaque thinking state').toString('base64');
    const answer = geminiAnswer({ usage: geminiUsage(20, 6) });
    answer.candidates[0]!.content.parts = [
      {
        functionCall: { name: 'get_weather', args: { city: 'Oslo' } },
        thoughtSignature: signature,
      },
    ];
    upstream.enqueue({ kind: 'json', body: answer });
    const first = await client.chat.completions.create({
      model: 'flash',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
    });
    const message = first.choices[0]!.message;

    await client.chat.completions.create({
      model: 'flash',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        message,
        { role: 'tool', tool_call_id: message.tool_calls![0]!.id, content: '-3 C' },
      ],
    });
    expect(lastUpstreamBody().contents[1]?.parts).toEqual([
      {
        functionCall: { name: 'get_weather', args: { city: 'Oslo' } },
        thoughtSignature: signature,
      },
    ]);
  });

  it('should create embeddings in base64, as asked by default, and in floats', async () => {
    // The openai client asks for base64 and decodes the little-endian float32 itself.
    const decoded = await client.embeddings.create({
      model: 'embedder',
      input: ['one', 'three'],
      dimensions: 4,
    });
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(sent?.body).toMatchObject({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'one' }] } },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'three' }] } },
      ],
    });
    // The fake's vector i is ((text length + i) mod 10) / 10, read back through float32.
    const expected = [
      [0.3, 0.4, 0.5, 0.6],
      [0.5, 0.6, 0.7, 0.8],
    ].map((vector) => [...new Float32Array(vector)]);
    expect(decoded.data.map((item) => item.embedding)).toEqual(expected);

    const floats = await client.embeddings.create({
      model: 'embedder',
      input: 'one',
      encoding_format: 'float',
    });
    expect(floats.data[0]?.embedding).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0]);
  });

  it('should price cached and thinking tokens from the answer and store them', async () => {
    upstream.enqueue({
      kind: 'json',
      body: geminiAnswer({
        text: 'Priced',
        usage: geminiUsage(1000, 50, { cached: 600, thoughts: 150 }),
      }),
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'flash', messages: [{ role: 'user', content: 'price me' }] })
      .withResponse();

    // Input: 1000 prompt tokens of which 600 cached → 400 × $0.000001   = $0.0004
    // Cache read: 600 × $0.00000025                                       = $0.00015
    // Output: 50 answer + 150 thinking = 200 × $0.000004                  = $0.0008
    // Total                                                               = $0.00135
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.00135, 12);
    expect(data.usage).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 200,
      total_tokens: 1200,
      prompt_tokens_details: { cached_tokens: 600 },
      completion_tokens_details: { reasoning_tokens: 150 },
    });

    const trace = await readTrace(response.headers.get('x-request-id'));
    const generation = trace.observations[0]!;
    expect(generation.usageDetails).toEqual({
      input: 400,
      input_cache_read: 600,
      output: 50,
      output_reasoning: 150,
      total: 1200,
    });
    expect(generation.calculatedTotalCost).toBeCloseTo(0.00135, 12);
    expect(trace.totalCost).toBeCloseTo(0.00135, 12);
  });

  it('should price a stream from the last usage Gemini reported', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: geminiStreamFrames({
        pieces: ['Cheap ', 'and ', 'cached'],
        usage: geminiUsage(2000, 3, { cached: 1800, thoughts: 40 }),
      }),
    });
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'flash', messages: [{ role: 'user', content: 'stream' }], stream: true })
      .withResponse();
    for await (const _chunk of stream) {
      // Read to the end: the trace is stored once the stream is over.
    }

    // Input: 2000 − 1800 cached = 200 × $0.000001        = $0.0002
    // Cache read: 1800 × $0.00000025                      = $0.00045
    // Output: 3 answer + 40 thinking = 43 × $0.000004     = $0.000172
    // Total                                               = $0.000822
    const trace = await readTrace(response.headers.get('x-request-id'));
    expect(trace.observations[0]?.usageDetails).toEqual({
      input: 200,
      input_cache_read: 1800,
      output: 3,
      output_reasoning: 40,
      total: 2043,
    });
    expect(trace.totalCost).toBeCloseTo(0.000822, 12);
  });

  it.each<[string, string, Script | undefined, number, string]>([
    ['a refused key', 'flash-wrong-key', undefined, 401, 'upstream_authentication'],
    ['a quota error', 'flash-errors', geminiRateLimited(9), 429, 'upstream_rate_limited'],
    [
      'a prompt over the context window',
      'flash-errors',
      geminiError(
        400,
        'INVALID_ARGUMENT',
        'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      ),
      400,
      'context_length_exceeded',
    ],
    [
      'an overloaded model',
      'flash-errors',
      geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      503,
      'upstream_overloaded',
    ],
    [
      'a blocked prompt',
      'flash-errors',
      { kind: 'json', body: { promptFeedback: { blockReason: 'SAFETY' } } },
      400,
      'content_filter',
    ],
  ])('should answer %s in the error envelope', async (_name, model, script, status, code) => {
    if (script) upstream.enqueue(script);
    const error = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'fail' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(status);
    expect(apiError.code).toBe(code);
    if (code === 'upstream_rate_limited') expect(apiError.headers?.get('retry-after')).toBe('9');
  });

  it('should never let the API key reach a URL, a log line, an error body or a trace', async () => {
    const failures: { model: string; stream?: boolean; embed?: boolean; script?: Script }[] = [
      { model: 'flash-wrong-key' },
      { model: 'flash-wrong-key', stream: true },
      { model: 'flash-wrong-key', embed: true },
      { model: 'flash-unreachable' },
      { model: 'flash-unreachable', stream: true },
      { model: 'flash-errors', script: geminiError(500, 'INTERNAL', 'An internal error.') },
      { model: 'flash-errors', script: geminiError(403, 'PERMISSION_DENIED', 'Denied.') },
      { model: 'flash-errors', script: geminiRateLimited(1) },
      { model: 'flash-errors', script: { kind: 'reset' } },
      { model: 'flash-errors', script: { kind: 'raw', status: 502, text: '<html>bad gateway' } },
      {
        model: 'flash-errors',
        stream: true,
        script: geminiError(503, 'UNAVAILABLE', 'The model is overloaded.'),
      },
      {
        model: 'flash-errors',
        stream: true,
        script: {
          kind: 'sse',
          frames: geminiStreamFrames({ pieces: ['Cut ', 'here'], usage: geminiUsage(4, 2) }),
          cutAfter: 1,
        },
      },
      {
        model: 'flash-errors',
        stream: true,
        script: {
          kind: 'sse',
          frames: [
            ...geminiStreamFrames({ pieces: ['Half'], usage: geminiUsage(4, 1), finished: false }),
            geminiFrame({ error: { code: 500, message: 'Internal error.', status: 'INTERNAL' } }),
          ],
        },
      },
      { model: 'embedder', embed: true, script: geminiError(500, 'INTERNAL', 'Embed failed.') },
    ];

    const seen: string[] = [];
    for (const failure of failures) {
      if (failure.script) upstream.enqueue(failure.script);
      const route = failure.embed ? 'embeddings' : 'chat/completions';
      const body = failure.embed
        ? { model: failure.model, input: 'leak?' }
        : {
            model: failure.model,
            stream: failure.stream,
            messages: [{ role: 'user', content: 'leak?' }],
          };
      const reply = await fetch(`${sereno.url}/v1/${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await reply.text();
      // Each of these failed, before the answer or in-band after it began.
      expect(reply.status >= 400 || text.includes('"error"')).toBe(true);
      const trace = await readTrace(reply.headers.get('x-request-id'));
      expect(trace.observations.length).toBeGreaterThan(0);
      seen.push(text, JSON.stringify(trace));
    }
    seen.push(...logLines);
    seen.push(...upstream.requests.map((request) => request.path));

    // The reads above must have had something to read for their silence to mean anything.
    expect(logLines.some((line) => line.includes('upstream failed'))).toBe(true);
    expect(
      upstream.requests.some((request) => request.headers['x-goog-api-key'] === wrongKey),
    ).toBe(true);
    for (const key of [upstreamKey, wrongKey]) {
      const leaks = seen.filter((text) => text.includes(key));
      expect(leaks).toEqual([]);
    }
    for (const request of upstream.requests) {
      expect(new URL(request.path, upstream.origin).searchParams.has('key')).toBe(false);
    }
  });
});
