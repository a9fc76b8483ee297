import type { TargetName } from '../bench-options.js';

/** One thing the load is aimed at: the upstream itself, Sereno or the peer gateway. */
export interface BenchTarget {
  name: TargetName;
  /** How the report names it, with its version. */
  label: string;
  /** The chat completions URL the load generators call. */
  url: string;
  /** Headers every request carries: the key, and for the peer where to send the call. */
  headers: Record<string, string>;
  /** The gateway's process, whose CPU and memory are measured; none for the direct path. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The model name every request asks for; each gateway maps or passes it to the upstream. */
export const benchModel = 'bench-model';

/** The key the upstream is given; it accepts any. */
export const upstreamKey = 'sk-bench-upstream-key';
