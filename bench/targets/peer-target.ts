import { readFileSync } from 'node:fs';
import { freePort, spawnChild, waitForHttp } from '../processes/child-process.js';
import { repoPath } from '../repo-paths.js';
import { upstreamKey, type BenchTarget } from './bench-target.js';

const packageDirectory = repoPath('node_modules', '@portkey-ai', 'gateway');

/** The installed version of the peer gateway, from its package.json. */
export function peerVersion(): string {
  const text = readFileSync(`${packageDirectory}/package.json`, 'utf8');
  const parsed: unknown = JSON.parse(text);
  const version = (parsed as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}

/**
 * Starts the peer, `@portkey-ai/gateway`, as its package starts it (`build/start-server.js
 * --port=N`), headless (no log UI), held to 127.0.0.1 by a preload. Each request names the
 * provider and the upstream in headers: `x-portkey-provider: openai` and
 * `x-portkey-custom-host`, with the upstream key as the bearer token it passes on.
 */
export async function startPeerTarget(upstreamOrigin: string): Promise<BenchTarget> {
  const port = await freePort();
  const child = spawnChild(process.execPath, [
    '--import',
    repoPath('bench', 'targets', 'listen-on-loopback.mjs'),
    `${packageDirectory}/build/start-server.js`,
    `--port=${port}`,
    '--headless',
  ]);
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/`, child, 30_000);

  return {
    name: 'peer',
    label: `Portkey gateway ${peerVersion()}`,
    url: `${origin}/v1/chat/completions`,
    headers: {
      authorization: `Bearer ${upstreamKey}`,
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': `${upstreamOrigin}/v1`,
    },
    pid: child.pid,
    async stop() {
      await child.stop(5_000);
    },
  };
}
