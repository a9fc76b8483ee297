import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicError,
  anthropicMessage,
  anthropicOverloaded,
  anthropicStreamFrames,
  anthropicUsage,
  startFakeAnthropic,
  type FakeAnthropic,
  type MessagesBody,
} from '../fake-upstreams/fake-anthropic.js';
import { readTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-sereno-test-master-key';

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

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

describe('the openai client against Sereno with an Anthropic upstream', () => {
  let upstream: FakeAnthropic;
  let sereno: TestSereno;
  let client: OpenAI;

  // Errors go to their own model group, so that a cooldown they start cannot touch the rest.
  beforeAll(async () => {
    upstream = await startFakeAnthropic();
    const deployment = (name: string) => `
  - model_name: ${name}
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: ${upstream.baseUrl}
      api_key: sk-ant-upstream-key-0123456789
      input_cost_per_token: 0.000003
      output_cost_per_token: 0.000015
      cache_creation_input_token_cost: 0.00000375
      cache_read_input_token_cost: 0.0000003`;
    sereno = await startSereno(`
model_list:${deployment('claude')}${deployment('claude-errors')}
router_settings:
  num_retries: 0
general_settings:
  master_key: ${masterKey}
`);
    client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  function lastUpstreamBody(): MessagesBody {
    return upstream.requests.at(-1)?.body as MessagesBody;
  }

  it('should answer a chat completion through the Messages API', async () => {
    const answer = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Hello' }],
    });

    const sent = upstream.requests.at(-1);
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe('sk-ant-upstream-key-0123456789');
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers.authorization).toBeUndefined();
    // Without a client limit, max_tokens is 4,096 (the model's own limit, 64,000, is higher).
    expect(lastUpstreamBody()).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 4096 });
    expect(answer.object).toBe('chat.completion');
    expect(answer.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Hello! You said: Hello',
    });
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.usage?.completion_tokens).toBe(4);
  });

  it('should put the system prompt in system, not in the messages', async () => {
    await client.chat.completions.create({
      model: 'claude',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    const body = lastUpstreamBody();
    expect(body.system).toEqual([{ type: 'text', text: 'You are terse.' }]);
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
  });

  it('should stream a completion and include usage only when asked', async () => {
    const withoutUsage = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
    });
    let text = '';
    let usageChunks = 0;
    let finishReason: string | null | undefined;
    for await (const chunk of withoutUsage) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usageChunks++;
    }
    expect(text).toBe('Hello! You said: stream please');
    expect(finishReason).toBe('stop');
    expect(usageChunks).toBe(0);
    expect(lastUpstreamBody().stream).toBe(true);

    upstream.enqueue({
      kind: 'sse',
      frames: anthropicStreamFrames({
        pieces: ['Cached ', 'answer'],
        usage: anthropicUsage(5, 2, { read: 1000 }),
      }),
    });
    const withUsage = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of withUsage) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    // prompt_tokens counts the cache reads too: 5 + 1000.
    expect(last?.usage).toMatchObject({
      prompt_tokens: 1005,
      completion_tokens: 2,
      total_tokens: 1007,
      prompt_tokens_details: { cached_tokens: 1000 },
    });
  });

  it('should carry tool calls and tool results both ways', async () => {
    const first = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    expect(lastUpstreamBody().tools).toEqual([
      {
        name: 'get_weather',
        description: 'The weather in a city',
        input_schema: weatherTool.function.parameters,
      },
    ]);
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });

    const second = await client.chat.completions.create({
      model: 'claude',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call!.id, content: '18 C and sunny' },
      ],
    });
    expect(lastUpstreamBody().messages?.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: call!.id, name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: call!.id, content: '18 C and sunny' }],
      },
    ]);
    expect(second.choices[0]?.message.content).toBe(
      'Hello! You said: [tool result: 18 C and sunny]',
    );
  });

  it('should assemble a streamed tool call', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      stream: true,
    });
    let args = '';
    let name = '';
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.tool_calls?.[0];
      name += delta?.function?.name ?? '';
      args += delta?.function?.arguments ?? '';
      finishReason ??= chunk.choices[0]?.finish_reason;
    }
    expect(lastUpstreamBody().tool_choice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(name).toBe('get_weather');
    expect(JSON.parse(args)).toEqual({ city: 'Paris' });
    expect(finishReason).toBe('tool_calls');
  });

  it('should price cache writes at their own rate, in the header and the trace', async () => {
    upstream.enqueue({
      kind: 'json',
      body: anthropicMessage({
        text: 'Long context read.',
        usage: anthropicUsage(3, 550, { write: 12304, read: 0 }),
      }),
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'claude', messages: [{ role: 'user', content: 'Summarise the book.' }] })
      .withResponse();

    // 3 input × $0.000003 + 12304 cache writes × $0.00000375 + 550 output × $0.000015
    // = $0.000009 + $0.04614 + $0.00825 = $0.054399
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.054399, 12);
    expect(data.usage).toMatchObject({ prompt_tokens: 12307, completion_tokens: 550 });

    const traceId = response.headers.get('x-request-id');
    const trace = await readTrace<TraceBody>(sereno, traceId, `Bearer ${masterKey}`);
    expect(trace.totalCost).toBeCloseTo(0.054399, 12);
    const generation = trace.observations[0];
    expect(generation?.calculatedTotalCost).toBeCloseTo(0.054399, 12);
    expect(generation?.usageDetails).toEqual({
      input: 3,
      input_cache_creation: 12304,
      output: 550,
      total: 12857,
    });
  });

  it('should answer an upstream prompt too long as 400 context_length_exceeded', async () => {
    upstream.enqueue(
      anthropicError(
        400,
        'invalid_request_error',
        'prompt is too long: 213467 tokens > 200000 maximum',
      ),
    );
    const error = await client.chat.completions
      .create({ model: 'claude-errors', messages: [{ role: 'user', content: 'a long one' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).status).toBe(400);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe(
      'context_length_exceeded',
    );
  });

  it('should answer an upstream 529 overload as 503', async () => {
    upstream.enqueue(anthropicOverloaded());
    const error = await client.chat.completions
      .create({ model: 'claude-errors', messages: [{ role: 'user', content: 'busy?' }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
    expect((error as InstanceType<typeof OpenAI.InternalServerError>).code).toBe(
      'upstream_overloaded',
    );
  });
});
