import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { StreamAccumulator } from '../../gateway/stream-accumulator.js';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { ChatCompletionChunk } from '../../wire/openai/chat-response.js';
import type { ChatStreamEvent } from '../provider.js';
import { readAnthropicStream } from './anthropic-stream.js';

const created = 1_767_225_600;

/** The fixture's bytes in small uneven pieces, as a network would cut them. */
async function* fixtureBody(name: string): AsyncGenerator<Uint8Array> {
  const bytes = await readFile(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url));
  for (let start = 0; start < bytes.length; start += 37) yield bytes.subarray(start, start + 37);
}

async function replay(name: string, jsonToolName?: string) {
  const events: ChatStreamEvent[] = [];
  let failure: unknown;
  try {
    const context = { provider: 'anthropic', jsonToolName, created };
    for await (const event of readAnthropicStream(fixtureBody(name), context)) events.push(event);
  } catch (error) {
    failure = error;
  }
  const chunks = events.flatMap((event) => (event.type === 'chunk' ? [event.chunk] : []));
  const usages = events.flatMap((event) => (event.type === 'usage' ? [event.usage] : []));
  const accumulator = new StreamAccumulator();
  for (const chunk of chunks) accumulator.add(chunk);
  return { events, chunks, usages, failure, answer: accumulator.toCompletion() };
}

function deltas(chunks: ChatCompletionChunk[]) {
  return chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason]);
}

function usage(fields: Partial<TokenUsage>): TokenUsage {
  return {
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    ...fields,
  };
}

describe('readAnthropicStream', () => {
  it('should turn a text answer into a role chunk, content chunks and a finish chunk', async () => {
    const { chunks, usages, failure } = await replay('text-answer');

    expect(failure).toBeUndefined();
    expect(deltas(chunks)).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'The tide ' }, null],
      [{ content: 'turns twice ' }, null],
      [{ content: 'a day.' }, null],
      [{}, 'stop'],
    ]);
    expect(chunks[0]).toMatchObject({
      id: 'msg_01TextAnswer',
      object: 'chat.completion.chunk',
      created,
      model: 'claude-sonnet-4-5-20250929',
    });
    // Input and cache counts come with message_start; message_delta's cumulative 9 outputs
    // are merged with them.
    expect(usages).toEqual([
      usage({ inputTokens: 21, cacheReadTokens: 1800, outputTokens: 2 }),
      usage({ inputTokens: 21, cacheReadTokens: 1800, outputTokens: 9 }),
    ]);
  });

  it('should leave thinking and its signature out and map max_tokens to length', async () => {
    const { answer, usages, events } = await replay('thinking-answer');

    expect(answer.choices[0]).toMatchObject({
      message: { role: 'assistant', content: '42' },
      finish_reason: 'length',
    });
    expect(JSON.stringify(events)).not.toContain('forty-two');
    expect(JSON.stringify(events)).not.toContain('ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz');
    expect(usages.at(-1)).toEqual(usage({ inputTokens: 40, outputTokens: 31 }));
  });

  it('should stream tool calls as index, id and name, then argument pieces', async () => {
    const { chunks, answer } = await replay('tool-use');

    expect(deltas(chunks)).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Let me look that up.' }, null],
      [
        {
          tool_calls: [
            {
              index: 0,
              id: 'toolu_01Weather',
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          ],
        },
        null,
      ],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"city": "Pa' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: 'ris"}' } }] }, null],
      [
        {
          tool_calls: [
            {
              index: 1,
              id: 'toolu_01Clock',
              type: 'function',
              function: { name: 'get_time', arguments: '' },
            },
          ],
        },
        null,
      ],
      // A tool called without arguments still gets a JSON object to parse.
      [{ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }, null],
      [{}, 'tool_calls'],
    ]);
    const calls = answer.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => JSON.parse(call.function.arguments) as unknown)).toEqual([
      { city: 'Paris' },
      {},
    ]);
  });

  it('should send the forced JSON tool input as content when JSON was asked for', async () => {
    const { answer } = await replay('json-answer', 'json_response');

    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.choices[0]?.message.tool_calls).toBeUndefined();
    expect(JSON.parse(answer.choices[0]?.message.content ?? '')).toEqual({
      name: 'Lyon',
      population: 522250,
    });
  });

  it('should throw an in-band overloaded error as a retryable 503', async () => {
    const { failure, chunks, usages } = await replay('error-before-content');

    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 503, code: 'upstream_overloaded', retryable: true });
    expect(deltas(chunks)).toEqual([[{ role: 'assistant', content: '' }, null]]);
    expect(usages).toEqual([usage({ inputTokens: 12, outputTokens: 1 })]);
  });

  it.each([
    [
      'overloaded-mid-stream',
      [usage({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 1 })],
    ],
    ['truncated', [usage({ inputTokens: 15, outputTokens: 1 })]],
    [
      // message_delta repeats the input count and sends the cache counts as null, which
      // leaves message_start's cache reads in place.
      'delta-with-input-counts',
      [
        usage({ inputTokens: 50, cacheReadTokens: 900, outputTokens: 1 }),
        usage({ inputTokens: 50, cacheReadTokens: 900, outputTokens: 6 }),
      ],
    ],
  ])(
    'should report the usage so far at message_start and each message_delta (%s)',
    async (name, expected) => {
      const { usages } = await replay(name);

      expect(usages).toEqual(expected);
    },
  );

  it('should report the usage of message_start before the role chunk', async () => {
    const { events, failure } = await replay('overloaded-mid-stream');

    expect(failure).toMatchObject({ code: 'upstream_overloaded' });
    expect(events.slice(0, 2).map((event) => event.type)).toEqual(['usage', 'chunk']);
    expect(events.at(-1)).toMatchObject({ type: 'chunk' });
  });

  it('should fail a stream that ends without message_stop, after what it received', async () => {
    const { failure, answer, usages } = await replay('truncated');

    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 502, code: 'upstream_error' });
    expect((failure as Error).message).toContain('message_stop');
    expect(answer.choices[0]?.message.content).toBe('Once upon a time');
    expect(answer.choices[0]?.finish_reason).toBeNull();
    expect(usages).toHaveLength(1);
  });

  it('should refuse an event that is not JSON', async () => {
    async function* body() {
      yield new TextEncoder().encode('event: message_start\ndata: {"type":\n\n');
    }
    const context = { provider: 'anthropic', jsonToolName: undefined, created };
    const reading = (async () => {
      for await (const _event of readAnthropicStream(body(), context)) void _event;
    })();
    await expect(reading).rejects.toMatchObject({ code: 'upstream_invalid_response' });
  });
});
