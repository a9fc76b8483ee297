import type { BenchOptions, TargetName } from '../bench-options.js';
import type { BenchTarget } from './bench-target.js';
import { directTarget } from './direct-target.js';
import { startPeerTarget } from './peer-target.js';
import { startSerenoTarget, type SerenoTarget } from './sereno-target.js';
import type { UpstreamProcess } from './upstream-process.js';

/** Starts the named target in front of the upstream. */
export async function startTarget(
  name: TargetName,
  upstream: UpstreamProcess,
  options: BenchOptions,
): Promise<BenchTarget | SerenoTarget> {
  switch (name) {
    case 'direct':
      return directTarget(upstream);
    case 'sereno':
      return startSerenoTarget({
        upstreamOrigin: upstream.origin,
        logLevel: options.serenoLogLevel,
      });
    case 'peer':
      return startPeerTarget(upstream.origin);
  }
}

export function isSerenoTarget(target: BenchTarget): target is SerenoTarget {
  return target.name === 'sereno' && 'countStoredTraces' in target;
}
