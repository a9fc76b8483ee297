import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { AnswerTooLargeError, maxAnswerBytes } from './upstream-error.js';

/**
 * Reads server-sent events from a byte stream, one message at a time. The caller decides
 * what an event means and whether the stream ended where it should. A stream longer than
 * `maxBytes` is refused with AnswerTooLargeError.
 */
export async function* readServerSentEvents(
  body: AsyncIterable<Uint8Array>,
  maxBytes = maxAnswerBytes,
): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  const decoder = new TextDecoder();
  let received = 0;

  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > maxBytes) throw new AnswerTooLargeError();
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) yield pending.shift() as EventSourceMessage;
  }
  // An event cut off before its blank line is dropped, as the SSE standard says.
  parser.feed(decoder.decode());
  while (pending.length > 0) yield pending.shift() as EventSourceMessage;
}
