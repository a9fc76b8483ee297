import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tsxCommand } from '../processes/child-process.js';
import { repoPath } from '../repo-paths.js';
import type { LoadMode } from '../bench-options.js';
import type { LoadResult } from './load-result.js';

const run = promisify(execFile);

export interface ClientLoadRun {
  mode: LoadMode;
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

/**
 * Runs the bench's undici client in its own process, so that its CPU is not the harness's,
 * and reads its result. The same client measures all three targets.
 */
export async function runClientLoad(options: ClientLoadRun): Promise<LoadResult> {
  const [command, args] = tsxCommand(repoPath('bench', 'load', 'load-client.ts'));
  const { stdout } = await run(command, args, {
    env: { ...process.env, BENCH_CLIENT_RUN: JSON.stringify(options) },
    maxBuffer: 1024 * 1024,
    timeout: (options.seconds + 120) * 1000,
  });
  const line = /BENCH_RESULT (\{.*\})/.exec(stdout)?.[1];
  if (!line) throw new Error(`the load client printed no result:\n${stdout}`);
  return JSON.parse(line) as LoadResult;
}
