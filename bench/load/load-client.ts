/**
 * The bench's own load generator, run as a process of its own by `client-load.ts`: keeps
 * `connections` requests in flight for `warmupSeconds` and then for `seconds`, each on its own
 * keep-alive connection, and prints `BENCH_RESULT <json>` of the second phase. For streams
 * it reads the SSE body and times the first content token too. No request is cut at the end:
 * every loop finishes the one it has in flight, so `requests + errors` is exactly what was
 * sent. The settings come as JSON in BENCH_CLIENT_RUN.
 */
import { Pool } from 'undici';
import { FirstTokenDetector } from './first-token-detector.js';
import { summarise, type LoadResult } from './load-result.js';

interface ClientRun {
  mode: 'json' | 'stream';
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

const settings = JSON.parse(process.env.BENCH_CLIENT_RUN ?? '{}') as ClientRun;
const url = new URL(settings.url);
const pool = new Pool(url.origin, {
  connections: settings.connections,
  pipelining: 1,
  keepAliveTimeout: 120_000,
});
const headers = { 'content-type': 'application/json', ...settings.headers };

/** What one phase (the warm-up, then the measured run) collects. */
interface Phase {
  latencies: number[];
  firstTokens: number[];
  errors: number;
}

async function oneRequest(phase: Phase): Promise<void> {
  const start = performance.now();
  const { statusCode, body } = await pool.request({
    path: url.pathname,
    method: 'POST',
    headers,
    body: settings.body,
  });
  if (statusCode !== 200) {
    await body.dump();
    phase.errors += 1;
    return;
  }
  if (settings.mode === 'json') {
    const text = await body.text();
    if (text.includes('"choices"')) phase.latencies.push(performance.now() - start);
    else phase.errors += 1;
    return;
  }
  const detector = new FirstTokenDetector();
  const decoder = new TextDecoder();
  let firstToken: number | undefined;
  let tail = '';
  for await (const part of body) {
    const text = decoder.decode(part as Buffer, { stream: true });
    if (firstToken === undefined && detector.push(text)) firstToken = performance.now() - start;
    tail = (tail + text).slice(-32);
  }
  if (firstToken === undefined || !tail.includes('data: [DONE]')) {
    phase.errors += 1;
    return;
  }
  phase.latencies.push(performance.now() - start);
  phase.firstTokens.push(firstToken);
}

/** Keeps every connection busy until the deadline; returns the phase and its length in s. */
async function runPhase(seconds: number): Promise<{ phase: Phase; seconds: number }> {
  const phase: Phase = { latencies: [], firstTokens: [], errors: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      try {
        await oneRequest(phase);
      } catch {
        phase.errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: settings.connections }, loop));
  return { phase, seconds: (performance.now() - started) / 1000 };
}

// The warm-up runs on the same connections as the measured run, which then starts warm.
const warmup =
  settings.warmupSeconds > 0 ? (await runPhase(settings.warmupSeconds)).phase : undefined;
const { phase, seconds } = await runPhase(settings.seconds);
await pool.close();

const result: LoadResult = {
  requests: phase.latencies.length,
  errors: phase.errors,
  seconds,
  requestsPerSecond: phase.latencies.length / seconds,
  latency: summarise(phase.latencies),
  ...(settings.mode === 'stream' ? { timeToFirstToken: summarise(phase.firstTokens) } : {}),
  warmup: { requests: warmup?.latencies.length ?? 0, errors: warmup?.errors ?? 0 },
};
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
