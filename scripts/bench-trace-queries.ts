/**
 * Times the read API's queries on a store of 100,000 traces (about 200,000 observations
 * and 10,000 scores) in a temporary directory, and prints a table. Run it with
 * `npx tsx scripts/bench-trace-queries.ts [traces]`; it is a measurement, not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureProject } from '../src/projects/project-repository.js';
import { openSqliteDatabase, type SerenoDatabase } from '../src/store/open-database.js';
import { dailyMetrics } from '../src/tracing/read-api/daily-metrics.js';
import { listObservations } from '../src/tracing/read-api/observation-list.js';
import { listScores } from '../src/tracing/read-api/score-list.js';
import { listSessions } from '../src/tracing/read-api/session-list.js';
import { loadTraceAggregates } from '../src/tracing/read-api/trace-aggregates.js';
import type { TraceFilter } from '../src/tracing/read-api/trace-conditions.js';
import { listTraces, type TraceListOptions } from '../src/tracing/read-api/trace-list.js';
import type { TraceWrite } from '../src/tracing/trace-records.js';
import { writeTraceBatch } from '../src/tracing/trace-repository.js';

const traceCount = Number(process.argv[2] ?? 100_000);
const tracesPerBatch = 1_000;
const runs = 5;
const dayMs = 86_400_000;
const end = Date.parse('2026-01-31T00:00:00Z');
const start = end - 30 * dayMs;

/** A fixed sequence of pseudo-random numbers in [0, 1), so that every run fills the same store. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const random = randomSequence(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const names = ['chat.completions', 'embeddings', 'messages', 'rag-answer', 'summarise'];
const models = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.5-flash'];
const tagSets = [[], ['prod'], ['prod', 'beta'], ['eval'], ['beta', 'checkout']];

function traceBatch(projectId: string, first: number, count: number): TraceWrite[] {
  const writes: TraceWrite[] = [];
  for (let index = first; index < first + count; index += 1) {
    const id = `trace-${index}`;
    // Arriving in time order, as a gateway writes them, give or take a minute.
    const timestamp = start + Math.floor((index / traceCount) * 30 * dayMs + random() * 60_000);
    writes.push({
      kind: 'trace',
      record: {
        projectId,
        id,
        timestamp,
        name: pick(names),
        // A few heavy users and a long tail, as a gateway sees them.
        userId: `user-${Math.floor(random() ** 3 * 1_000)}`,
        sessionId: `session-${Math.floor(index / 5)}`,
        tags: pick(tagSets),
        environment: random() < 0.8 ? 'production' : 'staging',
        input: [{ role: 'user', content: `question ${index}` }],
        output: { role: 'assistant', content: `answer ${index}` },
      },
    });
    const observations = 1 + Math.floor(random() * 3);
    for (let step = 0; step < observations; step += 1) {
      const input = 50 + Math.floor(random() * 2_000);
      const output = 10 + Math.floor(random() * 500);
      writes.push({
        kind: 'observation',
        record: {
          projectId,
          id: `${id}-obs-${step}`,
          traceId: id,
          type: step === 0 ? 'GENERATION' : pick(['SPAN', 'GENERATION', 'EVENT'] as const),
          name: step === 0 ? 'llm-call' : `step-${step}`,
          startTime: timestamp + step * 100,
          endTime: timestamp + step * 100 + 80 + Math.floor(random() * 3_000),
          model: pick(models),
          usageDetails: { input, output, total: input + output },
          totalCost: input * 0.000002 + output * 0.000008,
        },
      });
    }
    if (index % 10 === 0) {
      writes.push({
        kind: 'score',
        record: {
          projectId,
          id: `${id}-score`,
          traceId: id,
          name: pick(['accuracy', 'helpfulness']),
          dataType: 'NUMERIC',
          source: 'API',
          value: random(),
          timestamp: timestamp + 5_000,
        },
      });
    }
  }
  return writes;
}

async function fill(db: SerenoDatabase, projectId: string): Promise<number> {
  const began = performance.now();
  for (let first = 0; first < traceCount; first += tracesPerBatch) {
    const count = Math.min(tracesPerBatch, traceCount - first);
    await writeTraceBatch(db, traceBatch(projectId, first, count), end);
  }
  return performance.now() - began;
}

interface Timed {
  name: string;
  rows: number;
  total: number;
  medianMs: number;
  maxMs: number;
}

async function time(
  name: string,
  run: () => Promise<{ rows: number; total: number }>,
): Promise<Timed> {
  const durations: number[] = [];
  let last = { rows: 0, total: 0 };
  for (let attempt = 0; attempt < runs; attempt += 1) {
    const began = performance.now();
    last = await run();
    durations.push(performance.now() - began);
  }
  durations.sort((a, b) => a - b);
  const medianMs = durations[Math.floor(durations.length / 2)]!;
  return { name, ...last, medianMs, maxMs: durations.at(-1)! };
}

/** The trace list as the route runs it: the page, the count, and the page's aggregates. */
function traceList(db: SerenoDatabase, projectId: string, options: Partial<TraceListOptions>) {
  return async () => {
    const page = await listTraces(db, projectId, {
      page: 1,
      limit: 50,
      filter: {},
      order: { field: 'timestamp', direction: 'desc' },
      withBodies: true,
      ...options,
    });
    await loadTraceAggregates(db, projectId, page.rows);
    return { rows: page.rows.length, total: page.totalItems };
  };
}

type Case = [name: string, run: () => Promise<{ rows: number; total: number }>];

function traceCases(db: SerenoDatabase, projectId: string): Case[] {
  const filtered = (filter: TraceFilter) => traceList(db, projectId, { filter });
  const lastWeek = end - 7 * dayMs;
  return [
    ['traces: first page', filtered({})],
    ['traces: page 1,000 (offset 49,950)', traceList(db, projectId, { page: 1_000 })],
    ['traces: heavy user (user-0)', filtered({ userId: 'user-0' })],
    ['traces: light user (user-500)', filtered({ userId: 'user-500' })],
    ['traces: session', filtered({ sessionId: 'session-123' })],
    ['traces: name', filtered({ name: 'rag-answer' })],
    ['traces: tags beta+checkout', filtered({ tags: ['beta', 'checkout'] })],
    ['traces: environment staging', filtered({ environment: ['staging'] })],
    ['traces: last day', filtered({ fromTimestamp: end - dayMs, toTimestamp: end })],
    ['traces: heavy user, last week', filtered({ userId: 'user-0', fromTimestamp: lastWeek })],
    [
      'traces: order by name (sorts)',
      traceList(db, projectId, { order: { field: 'name', direction: 'asc' } }),
    ],
  ];
}

function otherCases(db: SerenoDatabase, projectId: string): Case[] {
  const firstPage = { page: 1, limit: 50 };
  const observations =
    (query: Omit<Parameters<typeof listObservations>[2], 'page' | 'limit'>) => async () => {
      const page = await listObservations(db, projectId, { ...firstPage, ...query });
      return { rows: page.rows.length, total: page.totalItems };
    };
  const daily = (userId?: string) => async () => {
    const result = await dailyMetrics(db, projectId, { ...firstPage, userId });
    return { rows: result.days.length, total: result.totalItems };
  };
  return [
    ['observations: first page', observations({})],
    ['observations: type EVENT', observations({ type: 'EVENT' })],
    ['observations: one trace', observations({ traceId: 'trace-777' })],
    ['observations: name step-2', observations({ name: 'step-2' })],
    ['observations: light user', observations({ userId: 'user-500' })],
    ['observations: heavy user', observations({ userId: 'user-0' })],
    [
      'sessions: first page',
      async () => {
        const page = await listSessions(db, projectId, firstPage);
        return { rows: page.sessions.length, total: page.totalItems };
      },
    ],
    [
      'scores: first page',
      async () => {
        const page = await listScores(db, projectId, firstPage);
        return { rows: page.rows.length, total: page.totalItems };
      },
    ],
    ['metrics/daily: 30 days', daily()],
    ['metrics/daily: light user', daily('user-500')],
  ];
}

function printTable(results: Timed[]): void {
  const width = Math.max(...results.map((result) => result.name.length));
  console.log(`${'query'.padEnd(width)}  rows    total  median ms  max ms`);
  for (const result of results) {
    console.log(
      `${result.name.padEnd(width)}  ${String(result.rows).padStart(4)}  ${String(result.total).padStart(7)}  ${result.medianMs.toFixed(1).padStart(9)}  ${result.maxMs.toFixed(1).padStart(6)}`,
    );
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sereno-bench-'));
  const db = await openSqliteDatabase(dataDir);
  try {
    const projectId = await ensureProject(db, { name: 'bench' }, end);
    const fillMs = await fill(db, projectId);
    const counts = await Promise.all(
      (['traces', 'observations', 'scores'] as const).map(async (table) => {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow();
        return `${Number(row.count)} ${table}`;
      }),
    );
    console.log(`filled ${counts.join(', ')} in ${(fillMs / 1000).toFixed(1)} s`);
    console.log(`each query: median and max of ${runs} runs, limit 50\n`);
    const results: Timed[] = [];
    // One at a time: the store runs one statement at a time anyway.
    for (const [name, run] of [...traceCases(db, projectId), ...otherCases(db, projectId)]) {
      results.push(await time(name, run));
    }
    printTable(results);
  } finally {
    await db.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
