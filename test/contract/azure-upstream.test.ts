import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiCompletion,
  openAiError,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-sereno-test-master-key';
const azureKey = 'azure-upstream-key-5c4b3a2918';
const environmentKey = 'azure-environment-key-7d6e5f4a3b';
const azureFilterMessage =
  'The response was filtered due to the prompt triggering ' +
  "Azure OpenAI's content management policy.";

describe('the openai client against Sereno with an Azure OpenAI upstream', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    const deployment = (name: string, model: string, base: string, extra = '') => `
  - model_name: ${name}
    litellm_params:
      model: azure/${model}
      api_base: ${base}
      input_cost_per_token: 0.0000025
      output_cost_per_token: 0.00001${extra}`;
    const withKey = `
      api_key: ${azureKey}`;
    const withVersion = `${withKey}
      api_version: 2024-12-01-preview`;
    const modelList = [
      deployment('gpt-4o', 'gpt-4o-prod', upstream.origin, withVersion),
      deployment('with-openai', 'gpt-4o-prod', `${upstream.origin}/openai`, withKey),
      deployment('with-openai-slash', 'gpt-4o-prod', `${upstream.origin}/openai/`, withKey),
      deployment('from-environment', 'gpt-4o-env', upstream.origin),
      deployment('embedder', 'embed-small', upstream.origin, withKey),
    ].join('');
    sereno = await startSereno(
      `
model_list:${modelList}
router_settings:
  num_retries: 0
general_settings:
  master_key: ${masterKey}
`,
      { AZURE_API_KEY: environmentKey },
    );
    client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  function lastRequest() {
    const sent = upstream.requests.at(-1);
    if (!sent) throw new Error('the fake received nothing');
    return sent;
  }

  it('should post to the deployment URL with api-key and no authorization header', async () => {
    upstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Hi from Azure', usage: openAiUsage(20, 5) }),
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();

    const sent = lastRequest();
    expect(sent.path).toBe(
      '/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-12-01-preview',
    );
    expect(sent.headers['api-key']).toBe(azureKey);
    expect(sent.headers.authorization).toBeUndefined();
    expect(data.choices[0]?.message.content).toBe('Hi from Azure');
    // 20 × $0.0000025 + 5 × $0.00001 = $0.00005 + $0.00005 = $0.0001
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.0001, 12);
  });

  it.each([
    ['/openai', 'with-openai'],
    ['/openai/', 'with-openai-slash'],
  ])('should not repeat /openai when api_base ends with %s', async (_suffix, model) => {
    await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'x' }] });
    // No api_version on these deployments: the default version is used.
    expect(lastRequest().path).toBe(
      '/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21',
    );
  });

  it('should take the key from AZURE_API_KEY when the deployment sets none', async () => {
    await client.chat.completions.create({
      model: 'from-environment',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(lastRequest().path).toMatch(/^\/openai\/deployments\/gpt-4o-env\/chat\/completions\?/);
    expect(lastRequest().headers['api-key']).toBe(environmentKey);
    expect(lastRequest().headers.authorization).toBeUndefined();
  });

  it('should stream from the deployment URL', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let completionTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(lastRequest().path).toBe(
      '/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-12-01-preview',
    );
    expect(lastRequest().headers['api-key']).toBe(azureKey);
    expect(text).toBe('Hello! You said: stream please');
    expect(completionTokens).toBeGreaterThan(0);
  });

  it('should create embeddings at the deployment embeddings URL', async () => {
    const result = await client.embeddings.create({ model: 'embedder', input: ['a', 'bb'] });
    expect(lastRequest().path).toBe(
      '/openai/deployments/embed-small/embeddings?api-version=2024-10-21',
    );
    expect(lastRequest().headers['api-key']).toBe(azureKey);
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(8);
  });

  it("should answer Azure's content filter refusal as content_filter", async () => {
    upstream.enqueue(
      openAiError(400, azureFilterMessage, 'invalid_request_error', 'content_filter'),
    );
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('content_filter');
  });
});
