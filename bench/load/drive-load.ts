import type { LoadMode } from '../bench-options.js';
import type { BenchTarget } from '../targets/bench-target.js';
import type { LoadResult } from './load-result.js';
import { chatRequestBody } from './request-bodies.js';
import { runClientLoad } from './client-load.js';
import { runWrk } from './wrk-load.js';

/** One run of load on a target: wrk for JSON answers, the undici client for streams. */
export function driveLoad(
  target: BenchTarget,
  mode: LoadMode,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const run = {
    url: target.url,
    headers: target.headers,
    body: chatRequestBody(mode === 'stream'),
    connections,
    seconds,
  };
  return mode === 'json' ? runWrk(run) : runClientLoad({ mode, ...run });
}
