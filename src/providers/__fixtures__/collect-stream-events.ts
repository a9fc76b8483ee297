import type { ChatStreamEvent } from '../provider.js';

/** A stream's events up to its end or failure, and the failure, so a test sees both. */
export async function collectStreamEvents(
  events: AsyncIterable<ChatStreamEvent>,
): Promise<{ received: ChatStreamEvent[]; failure: unknown }> {
  const received: ChatStreamEvent[] = [];
  let failure: unknown;
  try {
    for await (const event of events) received.push(event);
  } catch (error) {
    failure = error;
  }
  return { received, failure };
}
