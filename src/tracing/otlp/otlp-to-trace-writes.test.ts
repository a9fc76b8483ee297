import { describe, expect, it } from 'vitest';
import { makeGroup, makeSpan, startMs, startNanos } from './__fixtures__/otlp-span.js';
import type { OtlpSpan } from './otlp-model.js';
import { otlpToTraceWrites } from './otlp-to-trace-writes.js';
import type { TraceRecord } from '../trace-records.js';

const traceId = '0af7651916cd43dd8448eb211c80319c';

const root = makeSpan({
  spanId: '1111111111111111',
  name: 'handle-request',
  attributes: {
    'langfuse.observation.input': '{"question":"why"}',
    'langfuse.observation.output': '"because"',
    'user.id': 'user-1',
  },
});

const child = makeSpan({
  spanId: '2222222222222222',
  parentSpanId: '1111111111111111',
  startTimeUnixNano: startNanos + 100_000_000n,
  attributes: {
    'langfuse.trace.name': 'qa',
    'session.id': 'session-9',
    'langfuse.trace.tags': ['a'],
    'langfuse.trace.metadata.tier': 'gold',
  },
});

function traceOf(spans: OtlpSpan[], scope?: string): TraceRecord | undefined {
  const groups = [makeGroup(spans, scope)];
  const writes = otlpToTraceWrites({ groups, rejectedSpans: 0, rejections: [] }, 'p');
  const traces = writes.flatMap((write) => (write.kind === 'trace' ? [write.record] : []));
  expect(traces).toHaveLength(1);
  return traces[0];
}

describe('otlpToTraceWrites', () => {
  it.each([
    ['root first', [root, child]],
    ['child first', [child, root]],
  ])('should let declared trace fields win over the root defaults, %s', (_order, spans) => {
    expect(traceOf(spans)).toMatchObject({
      projectId: 'p',
      id: traceId,
      timestamp: startMs,
      name: 'qa',
      userId: 'user-1',
      sessionId: 'session-9',
      tags: ['a'],
      metadata: { tier: 'gold' },
      input: { question: 'why' },
      output: 'because',
    });
  });

  it('should name a trace after its root span when nothing declares a name', () => {
    expect(traceOf([root])?.name).toBe('handle-request');
  });

  it('should write an observation per span, after the trace', () => {
    const writes = otlpToTraceWrites(
      { groups: [makeGroup([root, child])], rejectedSpans: 0, rejections: [] },
      'p',
    );
    expect(writes.map((write) => write.kind)).toEqual(['trace', 'observation', 'observation']);
  });

  it('should date a trace whose root is not in the request by its earliest span', () => {
    const later = makeSpan({
      spanId: '3333333333333333',
      parentSpanId: '1111111111111111',
      startTimeUnixNano: startNanos + 900_000_000n,
    });
    const trace = traceOf([later, child]);
    expect(trace?.timestamp).toBe(startMs + 100);
    expect(trace?.input).toBeUndefined();
  });

  it('should add up tags and merge metadata from several spans', () => {
    const other = makeSpan({
      spanId: '4444444444444444',
      parentSpanId: '1111111111111111',
      attributes: { 'langfuse.trace.tags': '["b","a"]', 'langfuse.trace.metadata.team': 'x' },
    });
    expect(traceOf([child, other])).toMatchObject({
      tags: ['a', 'b'],
      metadata: { tier: 'gold', team: 'x' },
    });
  });

  it('should read trace metadata set on the resource', () => {
    const span = makeSpan();
    const group = makeGroup([span], 'my-app', { 'langfuse.trace.metadata.region': 'eu' });
    const writes = otlpToTraceWrites({ groups: [group], rejectedSpans: 0, rejections: [] }, 'p');
    expect(writes[0]?.record).toMatchObject({ metadata: { region: 'eu' } });
  });

  it.each([
    ['as_root', { 'langfuse.internal.as_root': true }],
    ['is_app_root', { 'langfuse.internal.is_app_root': 'true' }],
  ])('should treat a span marked %s as the root of its trace', (_name, attributes) => {
    const marked = makeSpan({ parentSpanId: '9999999999999999', name: 'app', attributes });
    expect(traceOf([marked])).toMatchObject({ name: 'app', timestamp: startMs });
  });
});
