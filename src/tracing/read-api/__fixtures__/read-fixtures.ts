import type { TraceWrite } from '../../trace-records.js';

/**
 * A small store to read back: five traces of project `p` (one without a timestamp, so
 * that it falls back to when it was stored, 4000), their observations and scores, and a
 * trace of project `q` with an id that `p` also uses. Times are epoch ms.
 */

/** When the fixture batch is written; the time of the trace that names none. */
export const storedAt = 4000;

const dayMs = 86_400_000;

export const traceWrites: TraceWrite[] = [
  trace('t1', {
    timestamp: 1000,
    name: 'chat',
    userId: 'alice',
    sessionId: 's1',
    tags: ['a', 'b'],
    version: 'v1',
    release: 'r1',
    input: { question: 'one' },
    output: { answer: 'one' },
  }),
  trace('t2', {
    timestamp: 2000,
    name: 'chat',
    userId: 'bob',
    sessionId: 's1',
    tags: ['b'],
    environment: 'prod',
    version: 'v2',
  }),
  trace('t3', {
    timestamp: 3000,
    name: 'embed',
    userId: 'alice',
    sessionId: 's2',
    tags: ['a'],
    environment: 'prod',
    release: 'r2',
  }),
  trace('t4', { name: 'chat', userId: 'carol', tags: ['A'] }),
  trace('t5', { timestamp: 5000, name: 'chat', userId: 'alice', tags: ['x","a', 'a,b'] }),
  { kind: 'trace', record: { projectId: 'q', id: 't1', timestamp: 1000, userId: 'alice' } },

  observation('o1', 't1', { startTime: 1000, endTime: 1500, model: 'gpt-4o', totalCost: 0.5 }),
  observation('o2', 't1', { startTime: 1200, endTime: 3000, model: 'gpt-4o', totalCost: 0.25 }),
  observation('o3', 't3', {
    startTime: 3000,
    endTime: 3100,
    type: 'EMBEDDING',
    name: 'embedder',
    model: 'text-embedding-3-small',
    environment: 'prod',
  }),
  observation('o4', 't3', { startTime: 3050, type: 'SPAN', name: 'step', parent: 'o3' }),
  observation('o5', 't5', { startTime: 5000, endTime: 5400, model: 'gpt-4o', level: 'ERROR' }),
  {
    kind: 'observation',
    record: { projectId: 'q', id: 'o1', traceId: 't1', type: 'GENERATION', startTime: 1000 },
  },

  score('s-accuracy', { traceId: 't1', name: 'accuracy', value: 0.9, timestamp: 1100 }),
  score('s-helpful', { traceId: 't1', name: 'helpful', value: 1, timestamp: 1300 }),
  score('s-session', { sessionId: 's2', name: 'accuracy', value: 0.2, timestamp: 3500 }),
];

/** Traces of one project on three days, for daily metrics worked out by hand. */
export const dailyWrites: TraceWrite[] = [
  trace('d1', { timestamp: 10 * dayMs + 1000, name: 'chat', userId: 'alice', tags: ['x'] }),
  trace('d2', { timestamp: 10 * dayMs + 2000, name: 'chat', userId: 'bob' }),
  trace('d3', { timestamp: 11 * dayMs + 5000, name: 'embed', userId: 'alice', tags: ['x'] }),
  trace('d4', { timestamp: 12 * dayMs, name: 'chat', userId: 'alice' }),
  generation(
    'g1',
    'd1',
    10 * dayMs + 1000,
    'gpt-4o',
    { input: 100, output: 20, total: 120 },
    0.003,
  ),
  generation(
    'g2',
    'd1',
    10 * dayMs + 1500,
    'gpt-4o',
    { input: 50, input_cache_read: 30, output: 10, output_reasoning: 5, total: 95 },
    0.002,
  ),
  generation('g3', 'd2', 10 * dayMs + 2000, 'claude', { input: 10, output: 5, total: 15 }, 0.01),
  generation(
    'g4',
    'd3',
    11 * dayMs + 5000,
    'embedder',
    { input: 40, output: 0, total: 40 },
    0.0001,
  ),
  // Started just after midnight: counts on day 12 although its trace is on day 11.
  generation('g5', 'd3', 12 * dayMs + 10, 'gpt-4o', { input: 7, output: 3 }, 0.0005),
  {
    kind: 'observation',
    record: { projectId: 'p', id: 'span', traceId: 'd4', type: 'SPAN', startTime: 12 * dayMs },
  },
];

function trace(
  id: string,
  fields: Omit<Extract<TraceWrite, { kind: 'trace' }>['record'], 'projectId' | 'id'>,
): TraceWrite {
  return { kind: 'trace', record: { projectId: 'p', id, ...fields } };
}

function observation(
  id: string,
  traceId: string,
  fields: {
    startTime: number;
    endTime?: number;
    type?: 'GENERATION' | 'SPAN' | 'EMBEDDING';
    name?: string;
    model?: string;
    totalCost?: number;
    environment?: string;
    level?: 'ERROR';
    parent?: string;
  },
): TraceWrite {
  const { type, parent, ...rest } = fields;
  return {
    kind: 'observation',
    record: {
      projectId: 'p',
      id,
      traceId,
      type: type ?? 'GENERATION',
      parentObservationId: parent,
      ...rest,
    },
  };
}

function generation(
  id: string,
  traceId: string,
  startTime: number,
  model: string,
  usageDetails: Record<string, number>,
  totalCost: number,
): TraceWrite {
  return {
    kind: 'observation',
    record: {
      projectId: 'p',
      id,
      traceId,
      type: 'GENERATION',
      startTime,
      model,
      usageDetails,
      totalCost,
    },
  };
}

function score(
  id: string,
  fields: { traceId?: string; sessionId?: string; name: string; value: number; timestamp: number },
): TraceWrite {
  return {
    kind: 'score',
    record: { projectId: 'p', id, dataType: 'NUMERIC', source: 'API', ...fields },
  };
}
