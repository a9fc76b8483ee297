import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  geminiAnswer,
  geminiError,
  geminiRateLimited,
  geminiStreamFrames,
  geminiUsage,
  startFakeGemini,
  type FakeGemini,
} from '../../../test/fake-upstreams/fake-gemini.js';
import { ProviderError } from '../../errors/provider-error.js';
import { chatRequestSchema } from '../../wire/openai/chat-request-schema.js';
import { adapterCallOptions } from '../__fixtures__/adapter-call-options.js';
import { collectStreamEvents } from '../__fixtures__/collect-stream-events.js';
import { geminiDeployment } from './__fixtures__/gemini-deployment.js';
import { createGeminiAdapter } from './gemini-adapter.js';

const request = chatRequestSchema.parse({
  model: 'flash',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
});

describe('the gemini adapter', () => {
  const adapter = createGeminiAdapter();
  let upstream: FakeGemini;
  let deployment: ReturnType<typeof geminiDeployment>;

  beforeAll(async () => {
    upstream = await startFakeGemini('adapter-test-key-0123456789');
    deployment = geminiDeployment({ apiBase: upstream.origin, apiKey: upstream.apiKey });
  });

  afterAll(async () => {
    await upstream.close();
  });

  it('should post the translated request to generateContent with the key in a header', async () => {
    const { response, usage } = await adapter.chat(request, deployment, adapterCallOptions);

    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent?.headers['x-goog-api-key']).toBe(upstream.apiKey);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    });
    expect(response.choices[0]?.message.content).toBe('Hello! You said: Hi');
    // The fake counts one output token per word: "Hello! ", "You ", "said: ", "Hi".
    expect(usage?.outputTokens).toBe(4);
  });

  it('should stream from streamGenerateContent with alt=sse, the last usage whole', async () => {
    const { received, failure } = await collectStreamEvents(
      adapter.streamChat(request, deployment, adapterCallOptions),
    );

    expect(failure).toBeUndefined();
    expect(upstream.requests.at(-1)?.path).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    const text = received
      .map((event) => (event.type === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(text).toBe('Hello! You said: Hi');
    const usage = received.findLast((event) => event.type === 'usage');
    expect(usage).toMatchObject({ type: 'usage', usage: { outputTokens: 4 } });
  });

  it('should fail a stream that stops without a finish reason', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: geminiStreamFrames({
        pieces: ['Half ', 'an'],
        usage: geminiUsage(5, 2),
        finished: false,
      }),
    });
    const { failure } = await collectStreamEvents(
      adapter.streamChat(request, deployment, adapterCallOptions),
    );
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: 'upstream_error', retryable: true });
  });

  it('should turn a connection dropped mid-stream into a connection error', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: geminiStreamFrames({ pieces: ['One ', 'two ', 'three'], usage: geminiUsage(5, 3) }),
      cutAfter: 1,
    });
    const { received, failure } = await collectStreamEvents(
      adapter.streamChat(request, deployment, adapterCallOptions),
    );
    expect(received.length).toBeGreaterThan(0);
    expect(failure).toMatchObject({ code: 'upstream_connection_error', retryable: true });
  });

  it('should embed through batchEmbedContents', async () => {
    const result = await adapter.embed(
      { model: 'embedder', input: ['one', 'three'], dimensions: 4 },
      geminiDeployment({ ...deployment, upstreamModel: 'gemini-embedding-001' }),
      adapterCallOptions,
    );
    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(sent?.body).toMatchObject({
      requests: [{ model: 'models/gemini-embedding-001', outputDimensionality: 4 }, {}],
    });
    expect(result.response.data.map((item) => item.embedding)).toEqual([
      [0.3, 0.4, 0.5, 0.6],
      [0.5, 0.6, 0.7, 0.8],
    ]);
  });

  it.each([
    [
      'a refused key',
      () => ({ ...deployment, apiKey: 'wrong-key-0123456789' }),
      undefined,
      { status: 401, code: 'upstream_authentication', upstreamStatus: 400 },
    ],
    [
      'a quota error',
      () => deployment,
      geminiRateLimited(7),
      { status: 429, code: 'upstream_rate_limited', retryAfterMs: 7000 },
    ],
    [
      'an overloaded model',
      () => deployment,
      geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      { status: 503, code: 'upstream_overloaded', retryable: true },
    ],
    [
      'a prompt over the context window',
      () => deployment,
      geminiError(
        400,
        'INVALID_ARGUMENT',
        'The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).',
      ),
      { status: 400, code: 'context_length_exceeded', param: 'messages' },
    ],
    [
      'a reset connection',
      () => deployment,
      { kind: 'reset' as const },
      { status: 502, code: 'upstream_connection_error' },
    ],
  ])('should fail with %s as a ProviderError', async (_name, target, script, expected) => {
    if (script) upstream.enqueue(script);
    const failure = await adapter
      .chat(request, target(), adapterCallOptions)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject(expected);
  });

  it('should answer a blocked prompt with a content_filter error', async () => {
    upstream.enqueue({
      kind: 'json',
      body: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3 } },
    });
    const failure = await adapter
      .chat(request, deployment, adapterCallOptions)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'content_filter', status: 400 });
  });

  it('should carry a whole answer with two candidates', async () => {
    upstream.enqueue({ kind: 'json', body: geminiAnswer({ text: 'Same', choices: 2 }) });
    const { response } = await adapter.chat({ ...request, n: 2 }, deployment, adapterCallOptions);
    expect(response.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(upstream.requests.at(-1)?.body).toMatchObject({
      generationConfig: { candidateCount: 2 },
    });
  });
});
