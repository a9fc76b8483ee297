/**
 * The bench's own load generator, run as a process of its own by `client-load.ts`: keeps
 * `connections` requests in flight for `seconds`, each on its own keep-alive connection, and
 * prints `BENCH_RESULT <json>`. For streams it reads the SSE body and times the first content
 * token too. No request is cut at the end: every loop finishes the one it has in flight, so
 * `requests + errors` is exactly what was sent. The settings come as JSON in BENCH_CLIENT_RUN.
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
const latencies: number[] = [];
const firstTokens: number[] = [];
let errors = 0;

async function oneRequest(): Promise<void> {
  const start = performance.now();
  const { statusCode, body } = await pool.request({
    path: url.pathname,
    method: 'POST',
    headers,
    body: settings.body,
  });
  if (statusCode !== 200) {
    await body.dump();
    errors += 1;
    return;
  }
  if (settings.mode === 'json') {
    const text = await body.text();
    if (text.includes('"choices"')) latencies.push(performance.now() - start);
    else errors += 1;
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
    errors += 1;
    return;
  }
  latencies.push(performance.now() - start);
  firstTokens.push(firstToken);
}

async function connectionLoop(deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      await oneRequest();
    } catch {
      errors += 1;
    }
  }
}

const started = performance.now();
const deadline = started + settings.seconds * 1000;
await Promise.all(Array.from({ length: settings.connections }, () => connectionLoop(deadline)));
const seconds = (performance.now() - started) / 1000;
await pool.close();

const result: LoadResult = {
  requests: latencies.length,
  errors,
  seconds,
  requestsPerSecond: latencies.length / seconds,
  latency: summarise(latencies),
  ...(settings.mode === 'stream' ? { timeToFirstToken: summarise(firstTokens) } : {}),
};
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
