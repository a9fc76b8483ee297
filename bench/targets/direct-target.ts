import { upstreamKey, type BenchTarget } from './bench-target.js';
import type { UpstreamProcess } from './upstream-process.js';

/** The upstream called with no gateway in between: the baseline of added latency. */
export function directTarget(upstream: UpstreamProcess): BenchTarget {
  return {
    name: 'direct',
    label: 'direct (no gateway)',
    url: `${upstream.origin}/v1/chat/completions`,
    headers: { authorization: `Bearer ${upstreamKey}` },
    pid: undefined,
    async stop() {},
  };
}
