import type { OpenAiUsage, ChatCompletionChunk } from '../../wire/openai/chat-response.js';
import { fromOpenAiUsage } from '../../wire/openai/openai-usage.js';
import { parseStreamEvent } from '../parse-stream-event.js';
import type { ChatStreamEvent } from '../provider.js';
import { readServerSentEvents } from '../sse-reader.js';
import { invalidResponseError, streamError } from '../upstream-error.js';
import { readOpenAiErrorBody } from './openai-errors.js';

interface RawChunk extends Partial<ChatCompletionChunk> {
  error?: unknown;
  x_groq?: { usage?: OpenAiUsage };
}

/**
 * Turns an OpenAI-compatible SSE body into stream events. The stream must end with
 * `[DONE]`, or at least after every choice finished; a stream cut short is an error, so
 * that a truncated answer is never passed off as a whole one.
 */
export async function* readOpenAiStream(
  provider: string,
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ChatStreamEvent> {
  let done = false;
  let finished = false;
  let events = 0;

  for await (const message of readServerSentEvents(body)) {
    const data = message.data.trim();
    events += 1;
    if (data === '[DONE]') {
      done = true;
      break;
    }
    if (data === '') continue;

    const chunk = parseStreamEvent(provider, data) as RawChunk;
    if (chunk.error !== undefined) {
      const found = readOpenAiErrorBody(chunk, 200);
      throw streamError(provider, found.message ?? JSON.stringify(chunk.error), found.recognised);
    }

    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (Array.isArray(chunk.choices) && chunk.choices.length > 0) {
      if (chunk.choices.some((choice) => choice.finish_reason)) finished = true;
      const { usage: _usage, x_groq: _groq, ...rest } = chunk;
      yield { type: 'chunk', chunk: rest as ChatCompletionChunk };
    }
    if (usage) yield { type: 'usage', usage: fromOpenAiUsage(usage) };
  }

  if (events === 0) throw invalidResponseError(provider, 'the stream held no events');
  if (!done && !finished) {
    throw streamError(provider, 'the stream ended before the answer was complete');
  }
}
