import type { LoadMode } from '../bench-options.js';
import type { BenchTarget } from '../targets/bench-target.js';
import type { LoadResult } from './load-result.js';
import { chatRequestBody } from './request-bodies.js';
import { runClientLoad } from './client-load.js';
import { runWrk } from './wrk-load.js';

/**
 * One run of load on a target, after a warm-up of `warmupSeconds` whose counts come with the
 * result: wrk for JSON answers, the bench's undici client for streams.
 */
export async function driveLoad(
  target: BenchTarget,
  mode: LoadMode,
  connections: number,
  seconds: number,
  warmupSeconds = 0,
): Promise<LoadResult> {
  const run = {
    url: target.url,
    headers: target.headers,
    body: chatRequestBody(mode === 'stream'),
    connections,
    seconds,
  };
  if (mode === 'stream') return runClientLoad({ mode, warmupSeconds, ...run });

  const warmup = warmupSeconds > 0 ? await runWrk({ ...run, seconds: warmupSeconds }) : undefined;
  const load = await runWrk(run);
  return { ...load, warmup: { requests: warmup?.requests ?? 0, errors: warmup?.errors ?? 0 } };
}
