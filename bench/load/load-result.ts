/** Latency percentiles of one run, in milliseconds with microsecond resolution. */
export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

/** What one load generator run measured. */
export interface LoadResult {
  /** Answers received complete and with a 2xx status. */
  requests: number;
  /** Non-2xx answers, broken streams, socket errors and timeouts. */
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** For streams: from sending the request to the first content token. */
  timeToFirstToken?: LatencySummary;
  /** What the warm-up before the measured run did, when there was one. */
  warmup?: { requests: number; errors: number };
}

/** Percentiles of raw samples in milliseconds: the nearest-rank method, exact. */
export function summarise(samples: Float64Array | number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return { p50: NaN, p90: NaN, p99: NaN, mean: NaN, max: NaN };
  const rank = (percent: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((percent / 100) * sorted.length) - 1)] ?? NaN;
  let total = 0;
  for (const sample of sorted) total += sample;
  return {
    p50: rank(50),
    p90: rank(90),
    p99: rank(99),
    mean: total / sorted.length,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
