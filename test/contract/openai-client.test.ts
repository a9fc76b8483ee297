import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeOpenAi,
  type FakeOpenAi,
  openAiCompletion,
  openAiUsage,
} from '../fake-upstreams/fake-openai.js';
import { readTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-sereno-test-master-key';

interface TraceBody {
  id: string;
  totalCost: number;
  observations: {
    type: string;
    model: string;
    usageDetails: Record<string, number>;
    calculatedTotalCost: number;
    modelParameters: Record<string, unknown>;
    output: unknown;
  }[];
}

describe('the openai client against Sereno', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(`
model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-upstream-key-0123456789
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
  - model_name: embedder
    litellm_params:
      model: openai/text-embedding-3-small
      api_base: ${upstream.baseUrl}
      api_key: sk-upstream-key-0123456789
general_settings:
  master_key: ${masterKey}
`);
    client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  it('should answer a chat completion with its cost and request id in the headers', async () => {
    upstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Hi there', usage: openAiUsage(12, 4) }),
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();

    expect(data.choices[0]?.message.content).toBe('Hi there');
    expect(data.usage?.prompt_tokens).toBe(12);
    // 12 input tokens at $0.000001 + 4 output tokens at $0.000002 = $0.00002
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.00002, 12);
    expect(response.headers.get('x-sereno-deployment')).toBe('openai/gpt-4o-mini');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send the deployment model and key upstream, not the client key', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'key?' }],
    });
    const sent = upstream.requests.at(-1);
    expect(sent?.headers.authorization).toBe('Bearer sk-upstream-key-0123456789');
    expect((sent?.body as { model: string }).model).toBe('gpt-4o-mini');
  });

  it('should stream a completion and include usage only when asked', async () => {
    const withoutUsage = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
    });
    let text = '';
    let usageChunks = 0;
    for await (const chunk of withoutUsage) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usageChunks++;
    }
    expect(text).toBe('Hello! You said: stream please');
    expect(usageChunks).toBe(0);
    const upstreamBody = upstream.requests.at(-1)?.body as {
      stream_options?: { include_usage?: boolean };
    };
    expect(upstreamBody.stream_options?.include_usage).toBe(true);

    const withUsage = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('should carry tool calls and tool results both ways', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');

    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call!.id, content: '18 C and sunny' },
      ],
    });
    expect(second.choices[0]?.message.content).toContain('Weather in Paris?');
  });

  it('should assemble a streamed tool call', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
      stream: true,
    });
    let args = '';
    for await (const chunk of stream)
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
  });

  it('should create embeddings', async () => {
    const result = await client.embeddings.create({ model: 'embedder', input: ['one', 'two'] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]?.embedding).toHaveLength(8);
  });

  it('should list the model groups', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id).sort()).toEqual(['embedder', 'gpt-4o-mini']);
  });

  it('should refuse a wrong key with 401 in the error envelope', async () => {
    const stranger = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await stranger.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });

  it('should answer 404 model_not_found for an unknown model', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('should store the call as a trace readable under the request id', async () => {
    upstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Stored', usage: openAiUsage(100, 50) }),
    });
    const { response } = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'store me' }],
        temperature: 0.2,
      })
      .withResponse();
    const traceId = response.headers.get('x-request-id');

    const trace = await readTrace<TraceBody>(sereno, traceId, `Bearer ${masterKey}`);

    expect(trace.id).toBe(traceId);
    expect(trace.observations).toHaveLength(1);
    const generation = trace.observations[0]!;
    expect(generation.type).toBe('GENERATION');
    expect(generation.model).toBe('gpt-4o-mini');
    expect(generation.usageDetails).toMatchObject({ input: 100, output: 50, total: 150 });
    // 100 × $0.000001 + 50 × $0.000002 = $0.0002
    expect(generation.calculatedTotalCost).toBeCloseTo(0.0002, 12);
    expect(trace.totalCost).toBeCloseTo(0.0002, 12);
    expect(generation.modelParameters).toMatchObject({ temperature: 0.2 });
    expect(generation.output).toMatchObject({ role: 'assistant', content: 'Stored' });
  });
});
