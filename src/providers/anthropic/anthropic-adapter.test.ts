import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicError,
  anthropicOverloaded,
  anthropicRateLimited,
  anthropicStreamFrames,
  anthropicUsage,
  startFakeAnthropic,
  type FakeAnthropic,
} from '../../../test/fake-upstreams/fake-anthropic.js';
import { BadRequestError } from '../../errors/sereno-error.js';
import { ProviderError } from '../../errors/provider-error.js';
import { chatRequestSchema } from '../../wire/openai/chat-request-schema.js';
import { adapterCallOptions } from '../__fixtures__/adapter-call-options.js';
import { collectStreamEvents } from '../__fixtures__/collect-stream-events.js';
import { anthropicDeployment } from './__fixtures__/anthropic-deployment.js';
import { anthropicHeaders, createAnthropicAdapter, messagesUrl } from './anthropic-adapter.js';

const request = chatRequestSchema.parse({
  model: 'claude',
  messages: [{ role: 'user', content: 'Hi' }],
});

describe('messagesUrl', () => {
  it.each([
    ['https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    [
      'https://gateway.example.com/anthropic/v1',
      'https://gateway.example.com/anthropic/v1/messages',
    ],
    ['http://127.0.0.1:9000/v1/', 'http://127.0.0.1:9000/v1/messages'],
  ])('should post %s requests to %s', (apiBase, expected) => {
    expect(messagesUrl(anthropicDeployment({ apiBase }))).toBe(expected);
  });
});

describe('anthropicHeaders', () => {
  it('should send the key, the API version and the deployment headers last', () => {
    const headers = anthropicHeaders(
      anthropicDeployment({
        extraHeaders: {
          'anthropic-beta': 'prompt-caching-2024-07-31',
          'anthropic-version': '2024-01-01',
        },
      }),
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-test-key',
      'anthropic-version': '2024-01-01',
      'anthropic-beta': 'prompt-caching-2024-07-31',
    });
  });

  it('should send anthropic-version 2023-06-01 and no key header without a key', () => {
    const headers = anthropicHeaders(anthropicDeployment({ apiKey: undefined }));
    expect(headers).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
  });
});

describe('createAnthropicAdapter', () => {
  const adapter = createAnthropicAdapter();
  let upstream: FakeAnthropic;
  let deployment: ReturnType<typeof anthropicDeployment>;

  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    deployment = anthropicDeployment({ apiBase: upstream.baseUrl });
  });

  afterAll(async () => {
    await upstream?.close();
  });

  it('should answer a chat request through POST /v1/messages', async () => {
    const result = await adapter.chat(request, deployment, adapterCallOptions);

    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe('sk-ant-test-key');
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 4096 });
    expect(result.response.choices[0]?.message.content).toBe('Hello! You said: Hi');
    expect(result.usage?.outputTokens).toBe(4);
  });

  it('should stream a chat request, its usage as reported, then a finish chunk', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: anthropicStreamFrames({ pieces: ['Bon', 'jour'], usage: anthropicUsage(7, 2) }),
    });
    const { received, failure } = await collectStreamEvents(
      adapter.streamChat(request, deployment, adapterCallOptions),
    );

    expect(failure).toBeUndefined();
    expect((upstream.requests.at(-1)?.body as { stream?: boolean }).stream).toBe(true);
    const text = received.map((event) =>
      event.type === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : '',
    );
    expect(text.join('')).toBe('Bonjour');
    expect(received.at(-1)).toMatchObject({ type: 'chunk' });
    expect(received.findLast((event) => event.type === 'usage')).toEqual({
      type: 'usage',
      usage: {
        inputTokens: 7,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 2,
        reasoningTokens: 0,
      },
    });
  });

  it.each([
    [
      'a rate limit with its retry-after',
      anthropicRateLimited(7),
      429,
      'upstream_rate_limited',
      7000,
    ],
    ['an overload', anthropicOverloaded(), 503, 'upstream_overloaded', undefined],
    [
      'a prompt too long',
      anthropicError(
        400,
        'invalid_request_error',
        'prompt is too long: 200001 tokens > 200000 maximum',
      ),
      400,
      'context_length_exceeded',
      undefined,
    ],
  ])('should throw %s as a ProviderError', async (_name, script, status, code, retryAfterMs) => {
    upstream.enqueue(script);
    const failure = await adapter
      .chat(request, deployment, adapterCallOptions)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status, code, retryAfterMs });
  });

  it('should throw a stream cut by the connection as an upstream connection error', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: anthropicStreamFrames({ pieces: ['One ', 'two ', 'three'] }),
      cutAfter: 4,
      intervalMs: 10,
    });
    const { received, failure } = await collectStreamEvents(
      adapter.streamChat(request, deployment, adapterCallOptions),
    );

    expect(received.length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: 'upstream_connection_error', retryable: true });
  });

  it('should refuse embeddings, which Anthropic does not offer', async () => {
    const embeddings = { model: 'claude', input: 'text' };
    const failure = await adapter
      .embed(embeddings, deployment, adapterCallOptions)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(failure).toMatchObject({ status: 400, code: 'unsupported_parameter' });
  });
});
