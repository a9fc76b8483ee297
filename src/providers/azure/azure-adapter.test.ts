import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiError,
  openAiStreamFrames,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../../../test/fake-upstreams/fake-openai.js';
import { defaults } from '../../config/defaults.js';
import { ProviderError } from '../../errors/provider-error.js';
import { chatRequestSchema } from '../../wire/openai/chat-request-schema.js';
import { adapterCallOptions } from '../__fixtures__/adapter-call-options.js';
import type { ChatStreamEvent } from '../provider.js';
import { azureDeployment } from './__fixtures__/azure-deployment.js';
import { createAzureAdapter } from './azure-adapter.js';

const azureFilterMessage =
  'The response was filtered due to the prompt triggering ' +
  "Azure OpenAI's content management policy.";
const request = chatRequestSchema.parse({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'Hi' }],
});

describe('the azure adapter', () => {
  const adapter = createAzureAdapter();
  let upstream: FakeOpenAi;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
  });

  afterAll(async () => {
    await upstream.close();
  });

  function lastRequest() {
    const sent = upstream.requests.at(-1);
    if (!sent) throw new Error('the fake received nothing');
    return sent;
  }

  it.each([
    ['a bare resource origin', ''],
    ['a base ending in /openai', '/openai'],
  ])('should post chat to the deployment URL from %s', async (_name, suffix) => {
    const deployment = azureDeployment({ apiBase: `${upstream.origin}${suffix}` });
    await adapter.chat(request, deployment, adapterCallOptions);
    expect(lastRequest().path).toBe(
      `/openai/deployments/gpt-4o-prod/chat/completions?api-version=${defaults.azureApiVersion}`,
    );
  });

  it('should use the api_version of the deployment and encode the deployment name', async () => {
    const deployment = azureDeployment({
      apiBase: upstream.origin,
      upstreamModel: 'gpt 4o/eu',
      apiVersion: '2024-12-01-preview',
    });
    await adapter.chat(request, deployment, adapterCallOptions);
    expect(lastRequest().path).toBe(
      '/openai/deployments/gpt%204o%2Feu/chat/completions?api-version=2024-12-01-preview',
    );
  });

  it('should authenticate with api-key and send no authorization header', async () => {
    const deployment = azureDeployment({
      apiBase: upstream.origin,
      extraHeaders: { 'x-ms-client-request-id': 'abc-123' },
    });
    await adapter.chat(request, deployment, adapterCallOptions);
    const { headers } = lastRequest();
    expect(headers['api-key']).toBe('azure-test-key-0123456789');
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-ms-client-request-id']).toBe('abc-123');
  });

  it('should send no key header for a deployment without a key', async () => {
    await adapter.chat(
      request,
      azureDeployment({ apiBase: upstream.origin, apiKey: undefined }),
      adapterCallOptions,
    );
    expect(lastRequest().headers['api-key']).toBeUndefined();
  });

  it('should stream from the deployment URL and report usage', async () => {
    upstream.enqueue({
      kind: 'sse',
      frames: openAiStreamFrames({ pieces: ['Hel', 'lo'], usage: openAiUsage(9, 2) }),
    });
    const events: ChatStreamEvent[] = [];
    const deployment = azureDeployment({ apiBase: upstream.origin });
    for await (const event of adapter.streamChat(request, deployment, adapterCallOptions)) {
      events.push(event);
    }

    expect(lastRequest().path).toMatch(/^\/openai\/deployments\/gpt-4o-prod\/chat\/completions\?/);
    expect(lastRequest().body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    const text = events
      .map((event) => (event.type === 'chunk' ? (event.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(text).toBe('Hello');
    expect(events.at(-1)).toMatchObject({
      type: 'usage',
      usage: { inputTokens: 9, outputTokens: 2 },
    });
  });

  it('should post embeddings to the deployment embeddings URL', async () => {
    const deployment = azureDeployment({
      apiBase: `${upstream.origin}/openai`,
      upstreamModel: 'embed-large',
    });
    const result = await adapter.embed(
      { model: 'embedder', input: ['a', 'b'] },
      deployment,
      adapterCallOptions,
    );
    expect(lastRequest().path).toBe(
      `/openai/deployments/embed-large/embeddings?api-version=${defaults.azureApiVersion}`,
    );
    expect(lastRequest().headers['api-key']).toBe('azure-test-key-0123456789');
    expect(result.response.data).toHaveLength(2);
  });

  it.each([
    [
      "Azure's content filter",
      openAiError(400, azureFilterMessage, 'invalid_request_error', 'content_filter'),
      { status: 400, code: 'content_filter', retryable: false },
    ],
    [
      'a rate limit with retry-after-ms',
      openAiError(429, 'Requests have exceeded the token rate limit.', 'rate_limit', '429', {
        'retry-after-ms': '1500',
        'retry-after': '2',
      }),
      { status: 429, code: 'upstream_rate_limited', retryAfterMs: 1500 },
    ],
    [
      'a deployment that does not exist',
      openAiError(
        404,
        'The API deployment for this resource does not exist.',
        'invalid_request_error',
        'DeploymentNotFound',
      ),
      { status: 404, code: 'upstream_not_found' },
    ],
  ])('should fail with %s as a ProviderError', async (_name, script, expected) => {
    upstream.enqueue(script);
    const failure = await adapter
      .chat(request, azureDeployment({ apiBase: upstream.origin }), adapterCallOptions)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ provider: 'azure', ...expected });
  });
});
