import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { makeDeployment } from '../../test/helpers/make-deployment.js';
import { TestClock } from '../../test/helpers/test-clock.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { ChatStreamEvent } from '../providers/provider.js';
import { streamError } from '../providers/upstream-error.js';
import type { ObservationRecord, TraceWrite } from '../tracing/trace-records.js';
import type { AssistantMessage } from '../wire/openai/chat-response.js';
import { CallRecorder } from './call-recorder.js';
import { ChatStreamSession } from './chat-stream-session.js';

const deployment = makeDeployment({
  id: 'claude',
  prices: {
    input_cost_per_token: 0.000003,
    output_cost_per_token: 0.000015,
    cache_creation_input_token_cost: 0.00000375,
    cache_read_input_token_cost: 0.0000003,
  },
});

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

/** Counts as Sereno would, made plain for the test: 7 input tokens, one output per word. */
function countWords(output: AssistantMessage | undefined): TokenUsage {
  const words = (output?.content ?? '').split(' ').filter(Boolean).length;
  return usage({ inputTokens: 7, outputTokens: words });
}

function text(content: string): ChatStreamEvent {
  return {
    type: 'chunk',
    chunk: {
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1_767_225_600,
      model: 'claude-sonnet-4-5',
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    },
  };
}

function finish(): ChatStreamEvent {
  const event = text('');
  if (event.type === 'chunk') event.chunk.choices[0]!.finish_reason = 'stop';
  return event;
}

const reported = (fields: Partial<TokenUsage>): ChatStreamEvent => ({
  type: 'usage',
  usage: usage(fields),
});

/** Thirty-five words: the tester's stream, counted one token per word. */
const words35 = Array.from({ length: 35 }, (_, index) => `w${index} `);
const overloaded = () => streamError('anthropic', 'Overloaded');

function startSession(events: ChatStreamEvent[], failure?: Error) {
  const clock = new TestClock();
  const writes: TraceWrite[] = [];
  const context = {
    requestId: 'req-1',
    projectId: 'project-1',
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
    startTime: clock.now(),
    deadline: clock.now() + 60_000,
    trace: { traceId: 'trace-1' },
  };
  const sink = { offer: (batch: TraceWrite[]) => writes.push(...batch) > 0 };
  const recorder = new CallRecorder(context, sink, clock, {
    name: 'chat.completions',
    model: 'claude',
    input: [],
    modelParameters: {},
  });
  const now = clock.now();
  recorder.recordAttempt({
    deployment,
    modelGroup: 'claude',
    attempt: 1,
    startTime: now,
    endTime: now,
  });
  async function* rest(): AsyncGenerator<ChatStreamEvent> {
    yield* events;
    if (failure) throw failure;
  }
  const opened = { prelude: [], rest: rest(), ended: false };
  const routed = { value: opened, deployment, modelGroup: 'claude', attempts: 1, fallbacks: 0 };
  const session = new ChatStreamSession(routed, recorder, {
    estimateUsage: countWords,
    onUsage: () => undefined,
  });
  const generation = (): ObservationRecord => {
    recorder.finish();
    const found = writes.find((write) => write.kind === 'observation');
    return found?.record as ObservationRecord;
  };
  return { session, generation };
}

async function readAll(session: ChatStreamSession): Promise<unknown> {
  try {
    for await (const _chunk of session.chunks()) void _chunk;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('ChatStreamSession', () => {
  it('should price a complete stream at the upstream final usage, unchanged', async () => {
    const events = [
      reported({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 1 }),
      ...words35.slice(0, 2).map(text),
      finish(),
      reported({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 550 }),
    ];
    const { session, generation } = startSession(events);

    expect(await readAll(session)).toBeUndefined();

    const record = generation();
    expect(record.usageDetails).toEqual({
      input: 3,
      input_cache_creation: 12304,
      output: 550,
      total: 12857,
    });
    // 3 × $0.000003 + 12304 × $0.00000375 + 550 × $0.000015 = $0.054399
    expect(record.totalCost).toBeCloseTo(0.054399, 12);
    expect(record.metadata).not.toHaveProperty('usageEstimated');
  });

  it('should count a complete stream whose upstream reported no usage', async () => {
    const { session, generation } = startSession([...words35.map(text), finish()]);

    await readAll(session);

    const record = generation();
    expect(record.usageDetails).toEqual({ input: 7, output: 35, total: 42 });
    expect(record.metadata).toMatchObject({ usageEstimated: true });
  });

  it('should keep the reported input and cache of a broken stream, and count output', async () => {
    const events = [
      reported({ inputTokens: 3, cacheWriteTokens: 12304, outputTokens: 1 }),
      ...words35.map(text),
    ];
    const { session, generation } = startSession(events, overloaded());

    expect(await readAll(session)).toMatchObject({ code: 'upstream_error' });

    const record = generation();
    expect(record.usageDetails).toEqual({
      input: 3,
      input_cache_creation: 12304,
      output: 35,
      total: 12342,
    });
    // 3 × $0.000003 + 12304 × $0.00000375 + 35 × $0.000015
    // = $0.000009 + $0.04614 + $0.000525 = $0.046674
    expect(record.totalCost).toBeCloseTo(0.046674, 12);
    expect(record.metadata).toMatchObject({ usageEstimated: 'output' });
    expect(record.level).toBe('ERROR');
  });

  it('should keep a reported output larger than what a broken stream delivered', async () => {
    const events = [
      reported({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 3 }),
      ...words35.slice(0, 2).map(text),
      reported({ inputTokens: 600, cacheReadTokens: 400, outputTokens: 9 }),
    ];
    const { session, generation } = startSession(events, overloaded());

    await readAll(session);

    const record = generation();
    expect(record.usageDetails).toEqual({
      input: 600,
      input_cache_read: 400,
      output: 9,
      total: 1009,
    });
    expect(record.metadata).toMatchObject({ usageEstimated: 'output' });
  });

  it('should count the whole usage of a broken stream whose upstream reported none', async () => {
    const { session, generation } = startSession(words35.slice(0, 4).map(text), overloaded());

    await readAll(session);

    const record = generation();
    expect(record.usageDetails).toEqual({ input: 7, output: 4, total: 11 });
    expect(record.metadata).toMatchObject({ usageEstimated: true });
  });
});
