import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { ChatCompletionChunk } from '../../wire/openai/chat-response.js';
import type { ChatStreamEvent } from '../provider.js';
import { readGeminiStream } from './gemini-stream.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

/** The body as the network may cut it: small pieces that split lines and characters. */
async function* pieces(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

async function collect(text: string): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of readGeminiStream('gemini', 'gemini-2.5-flash', pieces(text))) {
    events.push(event);
  }
  return events;
}

function chunksOf(events: ChatStreamEvent[]): ChatCompletionChunk[] {
  return events.flatMap((event) => (event.type === 'chunk' ? [event.chunk] : []));
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

async function failureOf(text: string): Promise<unknown> {
  return collect(text).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('readGeminiStream', () => {
  it.each([
    ['LF', fixture('stream-text.chunks.txt')],
    ['CRLF', fixture('stream-text.chunks.txt').replace(/\n/g, '\r\n')],
  ])(
    'should stream text as OpenAI chunks and each running usage as it comes (%s)',
    async (_name, text) => {
      const events = await collect(text);
      const chunks = chunksOf(events);
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe(
        'The sky over Lyon is clear today.',
      );
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
      expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-streamText01']));
      expect(chunks[0]).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'gemini-2.5-flash',
      });

      // One usage per event, each ahead of its event's chunk.
      expect(events.map((event) => event.type)).toEqual([
        'usage',
        'chunk',
        'usage',
        'chunk',
        'usage',
        'chunk',
      ]);
      const usages = events.filter((event) => event.type === 'usage');
      // The last usageMetadata: prompt 2048 of which 2000 cached → input 48, cache 2000;
      // 8 answer + 40 thinking tokens → output 48, reasoning 40.
      expect(usages.at(-1)).toEqual({
        type: 'usage',
        usage: {
          inputTokens: 48,
          cacheReadTokens: 2000,
          cacheWriteTokens: 0,
          outputTokens: 48,
          reasoningTokens: 40,
        },
      });
    },
  );

  it('should leave the thinking out of the streamed content', async () => {
    const chunks = chunksOf(await collect(fixture('stream-thinking.chunks.txt')));
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('2 + 2 = 4');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('should stream each function call as a whole tool call delta', async () => {
    const chunks = chunksOf(await collect(fixture('stream-function-call.chunks.txt')));
    expect(chunks).toHaveLength(1);
    const choice = chunks[0]?.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.delta.tool_calls).toMatchObject([
      {
        index: 0,
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
      },
      { index: 1, type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    expect(thoughtSignatureOf(choice?.delta.tool_calls?.[0]?.id ?? '')).toBe(
      'c3RyZWFtLXNpZ25hdHVyZQ==',
    );
  });

  it('should stream every candidate as its own choice', async () => {
    const chunks = chunksOf(await collect(fixture('stream-two-candidates.chunks.txt')));
    const textOf = (index: number) =>
      chunks
        .flatMap((chunk) => chunk.choices.filter((choice) => choice.index === index))
        .map((choice) => choice.delta.content ?? '')
        .join('');
    expect(textOf(0)).toBe('Cats purr.');
    expect(textOf(1)).toBe('Dogs bark');
    const finishes = chunks.at(-1)?.choices.map((choice) => choice.finish_reason);
    expect(finishes).toEqual(['stop', 'length']);
  });

  it('should throw an in-band error as a stream error, after the chunks before it', async () => {
    const events: ChatStreamEvent[] = [];
    const failure = await (async () => {
      try {
        for await (const event of readGeminiStream(
          'gemini',
          'm',
          pieces(fixture('stream-in-band-error.chunks.txt')),
        )) {
          events.push(event);
        }
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(chunksOf(events)[0]?.choices[0]?.delta.content).toBe('Once upon');
    expect(events.filter((event) => event.type === 'usage')).toEqual([
      { type: 'usage', usage: usage({ inputTokens: 9, outputTokens: 2 }) },
    ]);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: 'upstream_overloaded', retryable: true });
    expect((failure as Error).message).toContain('The model is overloaded');
  });

  it('should report the prompt and cache counts of a stream cut short before failing', async () => {
    const events: ChatStreamEvent[] = [];
    const failure = await (async () => {
      const body = pieces(fixture('stream-cached-cut.chunks.txt'));
      try {
        for await (const event of readGeminiStream('gemini', 'm', body)) events.push(event);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toMatchObject({ code: 'upstream_error' });
    // promptTokenCount 1000 of which 400 cached → input 600, cache reads 400.
    expect(events.filter((event) => event.type === 'usage')).toEqual([
      { type: 'usage', usage: usage({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 3 }) },
      { type: 'usage', usage: usage({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 6 }) },
    ]);
  });

  it('should call a stream that ends without a finish reason an error', async () => {
    const failure = await failureOf(fixture('stream-truncated.chunks.txt'));
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ code: 'upstream_error' });
    expect((failure as Error).message).toMatch(/ended before the answer was complete/);
  });

  it('should call an empty stream an error', async () => {
    expect(await failureOf('')).toMatchObject({ code: 'upstream_error' });
  });

  it('should call a stream cut inside its last event an error', async () => {
    const whole = fixture('stream-function-call.chunks.txt');
    expect(await failureOf(whole.slice(0, whole.length - 40))).toMatchObject({
      code: 'upstream_error',
    });
  });

  it('should make a blocked prompt a content_filter error', async () => {
    expect(await failureOf(fixture('stream-blocked.chunks.txt'))).toMatchObject({
      code: 'content_filter',
      status: 400,
    });
  });

  it('should call an event that is not JSON an invalid response', async () => {
    expect(await failureOf('data: {"candidates": [\n\n')).toMatchObject({
      code: 'upstream_invalid_response',
    });
  });
});
