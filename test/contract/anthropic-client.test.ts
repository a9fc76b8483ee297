import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicMessage,
  anthropicUsage,
  startFakeAnthropic,
  type FakeAnthropic,
} from '../fake-upstreams/fake-anthropic.js';
import {
  fakePromptTokens,
  openAiCompletion,
  openAiStreamFrames,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { readTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-sereno-test-master-key';

interface UpstreamBody {
  model: string;
  max_tokens?: number;
  messages: { role: string; content?: unknown; [key: string]: unknown }[];
  tools?: unknown[];
  [key: string]: unknown;
}

interface TraceBody {
  id: string;
  name: string;
  totalCost: number;
  input: unknown;
  observations: {
    type: string;
    model: string;
    usageDetails: Record<string, number>;
    calculatedTotalCost: number;
    modelParameters: Record<string, unknown>;
    output: unknown;
  }[];
}

/** Sampling fields that this SDK no longer types but clients still send and the API takes. */
type SampledParams = Anthropic.MessageCreateParamsNonStreaming & {
  temperature?: number;
  top_k?: number;
};

const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
};

function deployment(name: string, model: string, apiBase: string, key: string): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: ${model}
      api_base: ${apiBase}
      api_key: ${key}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
      cache_read_input_token_cost: 0.0000005`;
}

describe('the anthropic client against Sereno', () => {
  let openAiUpstream: FakeOpenAi;
  let anthropicUpstream: FakeAnthropic;
  let sereno: TestSereno;
  let client: Anthropic;

  const lastOpenAiBody = () => openAiUpstream.requests.at(-1)?.body as UpstreamBody;

  // Failures go to their own model group, so that a cooldown they start touches no other test.
  beforeAll(async () => {
    openAiUpstream = await startFakeOpenAi();
    anthropicUpstream = await startFakeAnthropic();
    const openAi = (name: string) =>
      deployment(name, 'openai/gpt-4o-mini', openAiUpstream.baseUrl, 'sk-upstream-key-0123456789');
    const claude = deployment(
      'claude',
      'anthropic/claude-sonnet-4-5',
      anthropicUpstream.baseUrl,
      'sk-ant-upstream-key-0123456789',
    );
    sereno = await startSereno(`
model_list:${openAi('gpt-4o-mini')}${openAi('gpt-errors')}${claude}
router_settings:
  num_retries: 0
general_settings:
  master_key: ${masterKey}
`);
    client = new Anthropic({ baseURL: sereno.url, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await openAiUpstream?.close();
    await anthropicUpstream?.close();
  });

  it('should answer a message with its cost and routing in the headers', async () => {
    openAiUpstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Hi there', usage: openAiUsage(12, 4) }),
    });
    const { data, response } = await client.messages
      .create({
        model: 'gpt-4o-mini',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hello' }],
      })
      .withResponse();

    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-mini',
      content: [{ type: 'text', text: 'Hi there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(data.id).toMatch(/^msg_/);
    // 12 input tokens at $0.000001 + 4 output tokens at $0.000002 = $0.00002
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.00002, 12);
    expect(response.headers.get('x-sereno-deployment')).toBe('openai/gpt-4o-mini');
    expect(response.headers.get('x-sereno-attempts')).toBe('1');
    expect(response.headers.get('x-sereno-fallbacks')).toBe('0');
    expect(lastOpenAiBody()).toMatchObject({
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('should send the system prompt upstream as a system message, with sampling', async () => {
    const params: SampledParams = {
      model: 'gpt-4o-mini',
      max_tokens: 50,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
      stop_sequences: ['END'],
      temperature: 0.2,
      top_k: 5,
      metadata: { user_id: 'user-42' },
    };
    await client.messages.create(params);
    const sent = lastOpenAiBody();
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ]);
    expect(sent).toMatchObject({ stop: ['END'], temperature: 0.2, user: 'user-42' });
    // An OpenAI upstream refuses top_k, so it stays behind.
    expect(sent).not.toHaveProperty('top_k');
  });

  it('should report usage in Anthropic buckets, cached input apart', async () => {
    openAiUpstream.enqueue({
      kind: 'json',
      body: openAiCompletion({
        content: 'Cached',
        usage: openAiUsage(100, 20, { prompt_tokens_details: { cached_tokens: 60 } }),
      }),
    });
    const { data, response } = await client.messages
      .create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();

    expect(data.usage).toMatchObject({
      input_tokens: 40,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 0,
      output_tokens: 20,
    });
    // 40 × $0.000001 + 60 cached × $0.0000005 + 20 × $0.000002 = $0.00011
    expect(Number(response.headers.get('x-sereno-response-cost'))).toBeCloseTo(0.00011, 12);
  });

  it('should stream a message in Anthropic events that the SDK assembles', async () => {
    const stream = client.messages.stream({
      model: 'gpt-4o-mini',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream please' }],
    });
    const eventTypes: string[] = [];
    let text = '';
    stream.on('streamEvent', (event) => eventTypes.push(event.type));
    stream.on('text', (delta) => (text += delta));
    const message = await stream.finalMessage();

    expect(text).toBe('Hello! You said: stream please');
    expect(message.content).toEqual([{ type: 'text', text: 'Hello! You said: stream please' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe('gpt-4o-mini');
    expect(eventTypes[0]).toBe('message_start');
    expect(eventTypes[1]).toBe('content_block_start');
    expect(eventTypes.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    // One delta per piece the fake sends: 'Hello! ', 'You ', 'said: ', 'stream ', 'please'.
    expect(eventTypes.filter((type) => type === 'content_block_delta')).toHaveLength(5);
    // The fake counts one output token per piece, and its prompt from the body it got.
    expect(message.usage).toMatchObject({
      input_tokens: fakePromptTokens({ messages: lastOpenAiBody().messages }),
      output_tokens: 5,
    });
  });

  it('should name every SSE event after the type of its data', async () => {
    const response = await fetch(`${sereno.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': masterKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        max_tokens: 20,
        stream: true,
        messages: [{ role: 'user', content: 'raw' }],
      }),
    });
    const frames = (await response.text()).split('\n\n').filter(Boolean);

    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const named = frames.map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse(dataLine?.replace(/^data: /, '') ?? '') as { type: string };
      return [eventLine?.replace(/^event: /, ''), data.type];
    });
    for (const [event, type] of named) expect(event).toBe(type);
    expect(named.map(([event]) => event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('should carry tool calls and tool results both ways', async () => {
    const question = { role: 'user' as const, content: 'Weather in Paris?' };
    const first = await client.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 100,
      tools: [weatherTool],
      messages: [question],
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([
      { type: 'tool_use', id: 'call_fake1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(lastOpenAiBody().tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city',
          parameters: weatherTool.input_schema,
        },
      },
    ]);

    const second = await client.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 100,
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_fake1', content: '18 C and sunny' }],
        },
      ],
    });
    expect(lastOpenAiBody().messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_fake1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_fake1', content: '18 C and sunny' },
    ]);
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Hello! You said: Weather in Paris?' }]);
  });

  it('should stream a tool call and a reply to its result', async () => {
    const question = { role: 'user' as const, content: 'Weather?' };
    const call = await client.messages
      .stream({ model: 'gpt-4o-mini', max_tokens: 100, tools: [weatherTool], messages: [question] })
      .finalMessage();
    expect(call.stop_reason).toBe('tool_use');
    expect(call.content).toEqual([
      { type: 'tool_use', id: 'call_fake1', name: 'get_weather', input: { city: 'Paris' } },
    ]);

    const reply = await client.messages
      .stream({
        model: 'gpt-4o-mini',
        max_tokens: 100,
        tools: [weatherTool],
        messages: [
          question,
          { role: 'assistant', content: call.content },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'call_fake1', content: '18 C' }],
          },
        ],
      })
      .finalMessage();
    expect(lastOpenAiBody().messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'call_fake1',
      content: '18 C',
    });
    expect(reply.content).toEqual([{ type: 'text', text: 'Hello! You said: Weather?' }]);
  });

  it('should end a stream that breaks after its first event with an error event', async () => {
    const frames = openAiStreamFrames({ pieces: ['one ', 'two ', 'three'] });
    openAiUpstream.enqueue({ kind: 'sse', frames, cutAfter: 2 });
    const stream = client.messages.stream({
      model: 'gpt-errors',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'break' }],
    });
    const eventTypes: string[] = [];
    stream.on('streamEvent', (event) => eventTypes.push(event.type));

    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error' },
    });
    expect(eventTypes).toContain('message_start');
    expect(eventTypes).not.toContain('message_stop');
  });

  it('should make the error event the last frame of a broken stream', async () => {
    const frames = openAiStreamFrames({ pieces: ['one ', 'two ', 'three'] });
    openAiUpstream.enqueue({ kind: 'sse', frames, cutAfter: 2 });
    const response = await fetch(`${sereno.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': masterKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-errors',
        max_tokens: 20,
        stream: true,
        messages: [{ role: 'user', content: 'break' }],
      }),
    });
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => frame.split('\n')[0]);

    expect(response.status).toBe(200);
    expect(events[0]).toBe('event: message_start');
    expect(events.at(-1)).toBe('event: error');
    expect(events).not.toContain('event: message_stop');
  });

  it('should answer an unknown model with NotFoundError in Anthropic envelope', async () => {
    const error = await client.messages
      .create({
        model: 'no-such-model',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    const notFound = error as InstanceType<typeof Anthropic.NotFoundError>;
    expect(notFound.error).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: expect.stringContaining('no-such-model') },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing max_tokens', { max_tokens: undefined }, "'max_tokens'"],
    ['a max_tokens given as text', { max_tokens: '100' }, "'max_tokens'"],
    [
      'a document given by URL',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', source: { type: 'url', url: 'https://a.test/x.pdf' } }],
          },
        ],
      },
      '`document`',
    ],
  ])('should answer %s with BadRequestError', async (_name, fields, named) => {
    const body = {
      model: 'gpt-4o-mini',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
      ...fields,
    };
    const error = await client.messages
      .create(body as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const badRequest = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(badRequest.type).toBe('invalid_request_error');
    expect(badRequest.apiMessage).toContain(named);
  });

  it('should refuse a wrong key with AuthenticationError', async () => {
    const stranger = new Anthropic({ baseURL: sereno.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await stranger.messages
      .create({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).type).toBe(
      'authentication_error',
    );
  });

  it('should store the call as a trace readable under the request id', async () => {
    openAiUpstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Stored', usage: openAiUsage(100, 50) }),
    });
    const params: SampledParams = {
      model: 'gpt-4o-mini',
      max_tokens: 64,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'store me' }],
      temperature: 0.2,
    };
    const { response } = await client.messages.create(params).withResponse();
    const traceId = response.headers.get('x-request-id');

    const trace = await readTrace<TraceBody>(sereno, traceId, `Bearer ${masterKey}`);

    expect(trace).toMatchObject({ id: traceId, name: 'messages' });
    expect(trace.input).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'store me' },
    ]);
    expect(trace.observations).toHaveLength(1);
    const generation = trace.observations[0]!;
    expect(generation.type).toBe('GENERATION');
    expect(generation.model).toBe('gpt-4o-mini');
    expect(generation.usageDetails).toMatchObject({ input: 100, output: 50, total: 150 });
    // 100 × $0.000001 + 50 × $0.000002 = $0.0002
    expect(generation.calculatedTotalCost).toBeCloseTo(0.0002, 12);
    expect(trace.totalCost).toBeCloseTo(0.0002, 12);
    expect(generation.modelParameters).toMatchObject({ temperature: 0.2, max_tokens: 64 });
    expect(generation.output).toMatchObject({ role: 'assistant', content: 'Stored' });
  });

  it('should count tokens as a labelled estimate', async () => {
    const { data, response } = await client.messages
      .countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-sereno-token-count')).toBe('estimate');

    const unknown = await client.messages
      .countTokens({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
  });

  describe('with an Anthropic upstream', () => {
    const lastAnthropicBody = () => anthropicUpstream.requests.at(-1)?.body as UpstreamBody;

    it('should forward top_k, which every deployment of the model can take', async () => {
      const params: SampledParams = {
        model: 'claude',
        max_tokens: 50,
        top_k: 5,
        messages: [{ role: 'user', content: 'Hello' }],
      };
      await client.messages.create(params);
      expect(lastAnthropicBody()).toMatchObject({ top_k: 5, max_tokens: 50 });
    });

    it('should keep cache writes and reads in their own usage buckets', async () => {
      anthropicUpstream.enqueue({
        kind: 'json',
        body: anthropicMessage({
          text: 'Cached',
          usage: anthropicUsage(20, 8, { write: 300, read: 1800 }),
        }),
      });
      const message = await client.messages.create({
        model: 'claude',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hello' }],
      });
      expect(message.usage).toMatchObject({
        input_tokens: 20,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 1800,
        output_tokens: 8,
      });
    });
  });
});
