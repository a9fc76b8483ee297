import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult } from './load-result.js';

const run = promisify(execFile);

export interface WrkRun {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Whole seconds; wrk takes no fractions. */
  seconds: number;
}

/** Installs wrk from Debian's packages when it is missing; throws when that fails. */
export function ensureWrk(): void {
  if (!spawnSync('wrk', ['-v']).error) return;
  console.log('wrk is missing: installing it with apt-get (Debian package "wrk")');
  let install = spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    install = spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit' });
  }
  if (install.status !== 0 || spawnSync('wrk', ['-v']).error) {
    throw new Error('wrk is not installed and apt-get could not install it: apt-get install wrk');
  }
}

/**
 * One wrk run of POSTs with a fixed body. wrk keeps its latencies in microseconds and its
 * `done` hook prints them as JSON, so percentiles come with sub-millisecond resolution.
 */
export async function runWrk(options: WrkRun): Promise<LoadResult> {
  const directory = await mkdtemp(join(tmpdir(), 'sereno-bench-wrk-'));
  try {
    const bodyPath = join(directory, 'body.json');
    const scriptPath = join(directory, 'post.lua');
    await writeFile(bodyPath, options.body);
    await writeFile(scriptPath, luaScript(bodyPath, options.headers));
    const seconds = Math.max(1, Math.round(options.seconds));
    const result = await run(
      'wrk',
      [
        '-t1',
        `-c${options.connections}`,
        `-d${seconds}s`,
        '--timeout',
        '30s',
        '-s',
        scriptPath,
        options.url,
      ],
      { maxBuffer: 1024 * 1024 },
    );
    return parseWrkOutput(result.stdout);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function luaScript(bodyPath: string, headers: Record<string, string>): string {
  const headerLines = Object.entries({ 'content-type': 'application/json', ...headers })
    .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`)
    .join('\n');
  return `local file = io.open(${luaString(bodyPath)}, "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
${headerLines}

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"completed":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"mean":%.3f,"max":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max))
end
`;
}

function luaString(text: string): string {
  return JSON.stringify(text);
}

interface WrkNumbers {
  completed: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

/** Reads the line the Lua `done` hook printed; latencies go from microseconds to ms. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = /BENCH_RESULT (\{.*\})/.exec(stdout)?.[1];
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const numbers = JSON.parse(line) as WrkNumbers;
  // wrk counts a non-2xx answer in both `requests` and `errors.status`.
  const errors = numbers.connect + numbers.read + numbers.write + numbers.status + numbers.timeout;
  const requests = numbers.completed - numbers.status;
  const seconds = numbers.durationUs / 1e6;
  const ms = (microseconds: number) => microseconds / 1000;
  return {
    requests,
    errors,
    seconds,
    requestsPerSecond: requests / seconds,
    latency: {
      p50: ms(numbers.p50),
      p90: ms(numbers.p90),
      p99: ms(numbers.p99),
      mean: ms(numbers.mean),
      max: ms(numbers.max),
    },
  };
}
