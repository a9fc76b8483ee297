/**
 * Measures how many prompt reads per second Sereno serves: in process and over HTTP, from
 * the cache, revalidated with an ETag (304), cold (cache bypassed), and while labels move.
 * Starts its own server on loopback with a temporary store; the HTTP load comes from a
 * child process, so that the client does not share the server's event loop. Run it with
 * `npx tsx scripts/bench-prompt-reads.ts [seconds per case] [connections]`; it is a
 * measurement, not a test.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { parseConfig } from '../src/config/load-config.js';
import { applyManagedPrompt } from '../src/prompts/managed-prompt-request.js';
import { PromptStore } from '../src/prompts/prompt-store.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';
import { systemClock } from '../src/time/clock.js';

const loading = process.argv[2] === '--load';
const seconds = Number(process.argv[loading ? 6 : 2] ?? 3);
const connections = Number(process.argv[loading ? 7 : 3] ?? 16);
const masterKey = 'sk-bench-master';
const headers = { authorization: `Bearer ${masterKey}` };
const path = '/api/public/v2/prompts/support%2Fsysprompt-base';

interface Result {
  reads: number;
  seconds: number;
  latenciesMs: number[];
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

function row(name: string, result: Result): string {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const perSecond = Math.round(result.reads / result.seconds).toLocaleString('en');
  const p50 = percentile(sorted, 0.5).toFixed(3);
  const p99 = percentile(sorted, 0.99).toFixed(3);
  const cells = [name.padEnd(44), perSecond.padStart(9), p50.padStart(8), p99.padStart(8)];
  return `| ${cells.join(' | ')} |`;
}

/** Runs `workers` loops of `read` for the case's duration. */
async function measure(workers: number, read: () => Promise<void>): Promise<Result> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let reads = 0;
  const loop = async () => {
    while (performance.now() < end) {
      const began = performance.now();
      await read();
      latenciesMs.push(performance.now() - began);
      reads++;
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return { reads, seconds: (performance.now() - start) / 1000, latenciesMs };
}

async function seedPrompts(server: RunningServer): Promise<void> {
  const create = (body: Record<string, unknown>) =>
    fetch(`${server.url}/api/public/v2/prompts`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await create({
    name: 'support/footer',
    prompt: 'Sign off as {{agent}}. '.repeat(20),
    labels: ['production'],
  });
  for (let version = 1; version <= 3; version++) {
    await create({
      name: 'support/sysprompt-base',
      type: 'chat',
      config: { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 512 },
      labels: ['production'],
      prompt: [
        {
          role: 'system',
          content:
            `v${version}: You help {{company}} customers. ${'Be precise. '.repeat(100)}` +
            '@@@langfusePrompt:name=support/footer|label=production@@@',
        },
        { type: 'placeholder', name: 'history' },
      ],
    });
  }
}

/** In the child process: GETs the prompt over `connections` connections, reports the result. */
async function runLoad(url: string, extraHeaders: Record<string, string>, expected: number) {
  const pool = new Pool(url, { connections });
  const result = await measure(connections, async () => {
    const response = await pool.request({
      path,
      method: 'GET',
      headers: { ...headers, ...extraHeaders },
    });
    await response.body.dump();
    if (response.statusCode !== expected) throw new Error(`status ${response.statusCode}`);
  });
  await pool.close();
  process.send?.(result);
}

function loadFromChild(url: string, extraHeaders: Record<string, string>, expected = 200) {
  const child = fork(fileURLToPath(import.meta.url), [
    '--load',
    url,
    JSON.stringify(extraHeaders),
    String(expected),
    String(seconds),
    String(connections),
  ]);
  return new Promise<Result>((resolve, reject) => {
    child.once('message', (result) => resolve(result as Result));
    child.once('exit', (code) => reject(new Error(`the load process exited with ${code}`)));
  });
}

async function httpCases(server: RunningServer): Promise<string[]> {
  const first = await fetch(`${server.url}${path}`, { headers });
  const etag = first.headers.get('etag') ?? '';
  await first.arrayBuffer();

  const rows = [
    row(`HTTP GET by label, ${connections} connections`, await loadFromChild(server.url, {})),
    row(
      'HTTP GET, If-None-Match → 304',
      await loadFromChild(server.url, { 'if-none-match': etag }, 304),
    ),
  ];

  let moving = true;
  let moves = 0;
  const mover = (async () => {
    while (moving) {
      const version = (moves++ % 3) + 1;
      await fetch(`${server.url}${path}/versions/${version}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ newLabels: ['production'] }),
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const racing = await loadFromChild(server.url, {});
  moving = false;
  await mover;
  rows.push(row(`HTTP GET while production moves (${moves} moves)`, racing));
  return rows;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sereno-bench-prompts-'));
  const config = parseConfig(`model_list: []\ngeneral_settings:\n  master_key: ${masterKey}\n`, {
    overrides: { host: '127.0.0.1', port: 0, dataDir },
  });
  config.logLevel = 'silent';
  const server = await startServer(config, { initProject: { name: 'bench' } });
  try {
    await seedPrompts(server);
    const { prompts, defaultProjectId, db } = server.services;
    const selector = { label: 'production' };
    const name = 'support/sysprompt-base';
    const chatBody = {
      prompt: { name, variables: { company: 'Acme', agent: 'Sam' }, placeholders: { history: [] } },
      messages: [{ role: 'user', content: 'Where is my parcel?' }],
    };

    const rows = [
      row(
        'in process, cached',
        await measure(1, async () => void (await prompts.read(defaultProjectId, name, selector))),
      ),
      row(
        'in process, cold (a new cache per read)',
        await measure(
          1,
          async () =>
            void (await new PromptStore(db, systemClock).read(defaultProjectId, name, selector)),
        ),
      ),
      row(
        'gateway hook: resolve, compile, merge a body',
        await measure(
          1,
          async () => void (await applyManagedPrompt(chatBody, defaultProjectId, prompts)),
        ),
      ),
      ...(await httpCases(server)),
    ];
    console.log(`Prompt reads, ${seconds} s per case, Node ${process.version}\n`);
    console.log(
      '| case                                         |  reads/s  | p50 ms   | p99 ms   |',
    );
    console.log(
      '| -------------------------------------------- | --------- | -------- | -------- |',
    );
    for (const line of rows) console.log(line);
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (loading) {
  await runLoad(
    process.argv[3] ?? '',
    JSON.parse(process.argv[4] ?? '{}'),
    Number(process.argv[5]),
  );
} else {
  await main();
}
