import { randomUUID } from 'node:crypto';

/** Traces per batch; each comes with one generation, so a batch holds twice as many events. */
export const tracesPerBatch = 10;

/**
 * One `POST /api/public/ingestion` body in Langfuse's batch format, as its SDKs send it:
 * `trace-create` and `generation-create` events with fresh ids, input, output and usage.
 */
export function ingestionBatch(): string {
  const now = new Date();
  const timestamp = now.toISOString();
  const ended = new Date(now.getTime() + 850).toISOString();
  const batch = [];
  for (let index = 0; index < tracesPerBatch; index += 1) {
    const traceId = randomUUID();
    batch.push({
      id: randomUUID(),
      timestamp,
      type: 'trace-create',
      body: {
        id: traceId,
        timestamp,
        name: 'support-answer',
        userId: 'user-42',
        sessionId: 'session-7',
        tags: ['bench'],
        input: { question: 'Can I get a replacement for broken pruning shears?' },
        output: { answer: 'Yes: the returns page explains how, and shipping takes 3 days.' },
      },
    });
    batch.push({
      id: randomUUID(),
      timestamp,
      type: 'generation-create',
      body: {
        id: randomUUID(),
        traceId,
        name: 'chat',
        startTime: timestamp,
        completionStartTime: timestamp,
        endTime: ended,
        model: 'gpt-4o-mini',
        modelParameters: { temperature: 0.2, max_tokens: 256 },
        input: [{ role: 'user', content: 'Can I get a replacement for broken pruning shears?' }],
        output: { role: 'assistant', content: 'Yes: the returns page explains how.' },
        usage: { input: 41, output: 12, total: 53, unit: 'TOKENS' },
      },
    });
  }
  return JSON.stringify({ batch });
}
