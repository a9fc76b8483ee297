import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicStreamFrames,
  anthropicUsage,
  startFakeAnthropic,
  type FakeAnthropic,
} from '../fake-upstreams/fake-anthropic.js';
import {
  geminiFrame,
  geminiStreamFrames,
  geminiUsage,
  startFakeGemini,
  type FakeGemini,
} from '../fake-upstreams/fake-gemini.js';
import { eventFrame, type Script } from '../fake-upstreams/fake-server.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-broken-stream-master';

interface Generation {
  level: string;
  output: { content: string } | null;
  metadata: Record<string, unknown>;
  usageDetails: Record<string, number>;
  calculatedTotalCost: number;
}

/** The first 12 harbour pieces, 17 tokens by o200k (the trailing space is one of them). */
const harbourOpening = 'Chapter one. The harbour wakes before dawn: gulls argue over the nets, ';
/** 28 pieces, one per word; the o200k tokenizer Sereno counts with makes them 35 tokens. */
const harbourPieces = (
  harbourOpening +
  'a bell rings twice from the chapel, and the first boats slide out past the breakwater.'
).split(/(?<= )/);

/** The first 12 recipe pieces, 17 tokens by o200k. */
const recipeOpening = 'First, preheat the oven to 200 degrees and butter a deep tin. ';
/** 21 pieces, 26 tokens by o200k. */
const recipePieces = (recipeOpening + 'Then whisk four eggs with the sugar until pale.').split(
  /(?<= )/,
);

/** 3 uncached input tokens and 12304 cache writes; message_start says 1 output, the end 40. */
const cacheWriteUsage = anthropicUsage(3, 40, { write: 12304 });
/** Each usageMetadata: a prompt of 1000 tokens, 400 of them cached; 30 answer tokens at the end. */
const cachedPromptUsage = geminiUsage(1000, 30, { cached: 400 });

const anthropicOverloadedFrame = eventFrame('error', {
  type: 'error',
  error: { type: 'overloaded_error', message: 'Overloaded' },
});

/** The harbour text from Anthropic, broken by an in-band overload before its block closes. */
function anthropicBrokenMidStream(): Script {
  const frames = anthropicStreamFrames({ pieces: harbourPieces, usage: cacheWriteUsage });
  // The last three frames close the block and the message: content_block_stop,
  // message_delta and message_stop.
  return { kind: 'sse', frames: [...frames.slice(0, -3), anthropicOverloadedFrame] };
}

describe('the usage stored for a stream that ends early', () => {
  let anthropic: FakeAnthropic;
  let gemini: FakeGemini;
  let sereno: TestSereno;
  let client: OpenAI;

  // A group per test, and no retries or cooldowns, so each request meets its own script.
  beforeAll(async () => {
    anthropic = await startFakeAnthropic();
    gemini = await startFakeGemini();
    const claude = (name: string) => `
  - model_name: ${name}
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: ${anthropic.baseUrl}
      api_key: sk-ant-upstream-key-0123456789
      input_cost_per_token: 0.000003
      output_cost_per_token: 0.000015
      cache_creation_input_token_cost: 0.00000375
      cache_read_input_token_cost: 0.0000003`;
    const flash = (name: string) => `
  - model_name: ${name}
    litellm_params:
      model: gemini/gemini-2.5-flash
      api_base: ${gemini.origin}
      api_key: ${gemini.apiKey}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000004
      cache_read_input_token_cost: 0.00000025`;
    const groups = ['claude-broken', 'claude-left', 'claude-messages', 'claude-messages-broken'];
    sereno = await startSereno(`
model_list:${groups.map(claude).join('')}${flash('flash-broken')}${flash('flash-left')}
router_settings:
  num_retries: 0
  allowed_fails: 1000
general_settings:
  master_key: ${masterKey}
`);
    client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
  });

  afterAll(async () => {
    await sereno?.stop();
    await gemini?.close();
    await anthropic?.close();
  });

  async function storedGeneration(traceId: string | null): Promise<Generation> {
    let generation: Generation | undefined;
    await expect
      .poll(
        async () => {
          const reply = await fetch(`${sereno.url}/api/public/traces/${traceId}`, {
            headers: { authorization: `Bearer ${masterKey}` },
          });
          const trace = reply.ok ? ((await reply.json()) as { observations: Generation[] }) : null;
          generation = trace?.observations.at(-1);
          return generation;
        },
        { timeout: 3000 },
      )
      .toBeDefined();
    return generation as Generation;
  }

  /** Streams a chat completion and reads all of it; returns the trace id and the failure. */
  async function streamToTheEnd(model: string) {
    const { data: stream, response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Go on.' }], stream: true })
      .withResponse();
    let content = '';
    const failure = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    return { traceId: response.headers.get('x-request-id'), content, failure };
  }

  /** Streams a chat completion and leaves once `leaveAfter` has arrived. */
  async function streamAndLeave(model: string, leaveAfter: string) {
    const { data: stream, response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Go on.' }], stream: true })
      .withResponse();
    let content = '';
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (content === leaveAfter) break;
    }
    stream.controller.abort();
    return { traceId: response.headers.get('x-request-id'), content };
  }

  it('should keep Anthropic cache writes reported before an in-band error', async () => {
    anthropic.enqueue(anthropicBrokenMidStream());

    const { traceId, content, failure } = await streamToTheEnd('claude-broken');

    expect(content).toBe(harbourPieces.join(''));
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    const generation = await storedGeneration(traceId);
    expect(generation.level).toBe('ERROR');
    // message_start reported 3 input and 12304 cache writes and 1 output; the text received
    // counts 35 tokens, more than that 1, so the output is 35.
    expect(generation.usageDetails).toEqual({
      input: 3,
      input_cache_creation: 12304,
      output: 35,
      total: 12342,
    });
    // 3 × $0.000003 + 12304 × $0.00000375 + 35 × $0.000015
    // = $0.000009 + $0.04614 + $0.000525 = $0.046674
    expect(generation.calculatedTotalCost).toBeCloseTo(0.046674, 12);
    expect(generation.metadata.usageEstimated).toBe('output');
  });

  it('should keep Anthropic cache writes reported before the client left', async () => {
    // message_start, ping and content_block_start, then 12 text deltas; then silence.
    anthropic.enqueue({
      kind: 'sse',
      frames: anthropicStreamFrames({ pieces: harbourPieces, usage: cacheWriteUsage }),
      stallAfter: 3 + 12,
    });

    const { traceId, content } = await streamAndLeave('claude-left', harbourOpening);

    expect(content).toBe(harbourOpening);
    const generation = await storedGeneration(traceId);
    expect(generation.level).toBe('WARNING');
    expect(generation.output?.content).toBe(harbourOpening);
    // Reported: 3 input, 12304 cache writes, 1 output; the 12 pieces received count 17.
    expect(generation.usageDetails).toEqual({
      input: 3,
      input_cache_creation: 12304,
      output: 17,
      total: 12324,
    });
    // 3 × $0.000003 + 12304 × $0.00000375 + 17 × $0.000015
    // = $0.000009 + $0.04614 + $0.000255 = $0.046404
    expect(generation.calculatedTotalCost).toBeCloseTo(0.046404, 12);
    expect(generation.metadata.usageEstimated).toBe('output');
  });

  it('should keep the Gemini prompt and cache counts reported before an error', async () => {
    const frames = geminiStreamFrames({
      pieces: recipePieces,
      usage: cachedPromptUsage,
      finished: false,
    });
    const overloaded = { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' };
    gemini.enqueue({ kind: 'sse', frames: [...frames, geminiFrame({ error: overloaded })] });

    const { traceId, content, failure } = await streamToTheEnd('flash-broken');

    expect(content).toBe(recipePieces.join(''));
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    const generation = await storedGeneration(traceId);
    // The last usageMetadata: prompt 1000 of which 400 cached → input 600, cache reads 400;
    // 30 answer tokens, more than the 26 counted in the text received, so the output is 30.
    expect(generation.usageDetails).toEqual({
      input: 600,
      input_cache_read: 400,
      output: 30,
      total: 1030,
    });
    // 600 × $0.000001 + 400 × $0.00000025 + 30 × $0.000004
    // = $0.0006 + $0.0001 + $0.00012 = $0.00082
    expect(generation.calculatedTotalCost).toBeCloseTo(0.00082, 12);
    expect(generation.metadata.usageEstimated).toBe('output');
  });

  it('should keep the Gemini prompt and cache counts reported before the client left', async () => {
    gemini.enqueue({
      kind: 'sse',
      frames: geminiStreamFrames({ pieces: recipePieces, usage: cachedPromptUsage }),
      stallAfter: 12,
    });

    const { traceId, content } = await streamAndLeave('flash-left', recipeOpening);

    expect(content).toBe(recipeOpening);
    const generation = await storedGeneration(traceId);
    expect(generation.level).toBe('WARNING');
    // The 12th usageMetadata: input 600, cache reads 400, 12 answer tokens so far; the
    // text received counts 17, so the output is 17.
    expect(generation.usageDetails).toEqual({
      input: 600,
      input_cache_read: 400,
      output: 17,
      total: 1017,
    });
    // 600 × $0.000001 + 400 × $0.00000025 + 17 × $0.000004
    // = $0.0006 + $0.0001 + $0.000068 = $0.000768
    expect(generation.calculatedTotalCost).toBeCloseTo(0.000768, 12);
    expect(generation.metadata.usageEstimated).toBe('output');
  });

  describe('on /v1/messages', () => {
    it('should start the message with the input counts the upstream reported', async () => {
      anthropic.enqueue({
        kind: 'sse',
        frames: anthropicStreamFrames({ pieces: harbourPieces, usage: cacheWriteUsage }),
      });
      const anthropicClient = new Anthropic({ baseURL: sereno.url, apiKey: masterKey });

      const stream = anthropicClient.messages.stream({
        model: 'claude-messages',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Go on.' }],
      });
      let started: Anthropic.Usage | undefined;
      stream.on('streamEvent', (event) => {
        // A copy: the SDK accumulates the message's usage in this very object.
        if (event.type === 'message_start') started = { ...event.message.usage };
      });
      const message = await stream.finalMessage();

      expect(started).toMatchObject({
        input_tokens: 3,
        cache_creation_input_tokens: 12304,
        cache_read_input_tokens: 0,
        output_tokens: 0,
      });
      // message_delta carries the upstream's final count, 40 outputs.
      expect(message.usage).toMatchObject({
        input_tokens: 3,
        cache_creation_input_tokens: 12304,
        output_tokens: 40,
      });
    });

    it('should start a message that then breaks with the input counts reported', async () => {
      anthropic.enqueue(anthropicBrokenMidStream());

      const response = await fetch(`${sereno.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': masterKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-messages-broken',
          max_tokens: 100,
          stream: true,
          messages: [{ role: 'user', content: 'Go on.' }],
        }),
      });
      const events = (await response.text())
        .split('\n\n')
        .filter(Boolean)
        .map((frame) => JSON.parse(frame.split('\n')[1]!.replace(/^data: /, '')) as SseEvent);

      expect(events[0]?.message?.usage).toEqual({
        input_tokens: 3,
        output_tokens: 0,
        cache_creation_input_tokens: 12304,
        cache_read_input_tokens: 0,
      });
      expect(events.at(-1)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
      const generation = await storedGeneration(response.headers.get('x-request-id'));
      // As on /v1/chat/completions: 3 × $0.000003 + 12304 × $0.00000375 + 35 × $0.000015
      // = $0.046674
      expect(generation.usageDetails).toMatchObject({ input: 3, output: 35 });
      expect(generation.calculatedTotalCost).toBeCloseTo(0.046674, 12);
    });
  });
});

interface SseEvent {
  type: string;
  message?: { usage: Record<string, number> };
  error?: { type: string };
}
