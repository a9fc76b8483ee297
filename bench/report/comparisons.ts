import type { LoadMode, TargetName } from '../bench-options.js';
import type { LatencyMeasurement } from '../scenarios/latency-matrix.js';

/** A cell of the matrix without its target: what the three targets are compared on. */
export interface CaseKey {
  mode: LoadMode;
  delayMs: number;
  concurrency: number;
}

export interface AddedLatency {
  p50: number;
  p90: number;
  p99: number;
  /** Streams only: added time to first token at p50. */
  timeToFirstTokenP50: number | undefined;
}

/** One case with its three measurements side by side, and what the gateways add. */
export interface CaseComparison extends CaseKey {
  byTarget: Partial<Record<TargetName, LatencyMeasurement>>;
  /** Through the gateway minus direct, at each percentile, in ms. */
  added: Partial<Record<'sereno' | 'peer', AddedLatency>>;
  /** Requests per second of Sereno over the peer's and over the direct path's. */
  serenoOverPeer: number | undefined;
  serenoOverDirect: number | undefined;
}

/** Groups the measurements by case, in the order they were run. */
export function compareCases(measurements: LatencyMeasurement[]): CaseComparison[] {
  const byKey = new Map<string, CaseComparison>();
  for (const measurement of measurements) {
    const key = `${measurement.mode}/${measurement.delayMs}/${measurement.concurrency}`;
    let comparison = byKey.get(key);
    if (!comparison) {
      comparison = {
        mode: measurement.mode,
        delayMs: measurement.delayMs,
        concurrency: measurement.concurrency,
        byTarget: {},
        added: {},
        serenoOverPeer: undefined,
        serenoOverDirect: undefined,
      };
      byKey.set(key, comparison);
    }
    comparison.byTarget[measurement.target] = measurement;
  }
  const comparisons = [...byKey.values()];
  for (const comparison of comparisons) fillDifferences(comparison);
  return comparisons.sort(
    (a, b) =>
      a.mode.localeCompare(b.mode) || a.delayMs - b.delayMs || a.concurrency - b.concurrency,
  );
}

function fillDifferences(comparison: CaseComparison): void {
  const { direct, sereno, peer } = comparison.byTarget;
  if (direct && sereno) comparison.added.sereno = addedLatency(sereno, direct);
  if (direct && peer) comparison.added.peer = addedLatency(peer, direct);
  const rate = (measurement: LatencyMeasurement | undefined) => measurement?.load.requestsPerSecond;
  comparison.serenoOverPeer = ratio(rate(sereno), rate(peer));
  comparison.serenoOverDirect = ratio(rate(sereno), rate(direct));
}

function addedLatency(gateway: LatencyMeasurement, direct: LatencyMeasurement): AddedLatency {
  const through = gateway.load;
  const baseline = direct.load;
  const firstToken =
    through.timeToFirstToken && baseline.timeToFirstToken
      ? through.timeToFirstToken.p50 - baseline.timeToFirstToken.p50
      : undefined;
  return {
    p50: through.latency.p50 - baseline.latency.p50,
    p90: through.latency.p90 - baseline.latency.p90,
    p99: through.latency.p99 - baseline.latency.p99,
    timeToFirstTokenP50: firstToken,
  };
}

function ratio(numerator: number | undefined, denominator: number | undefined) {
  if (numerator === undefined || denominator === undefined || denominator === 0) return undefined;
  return numerator / denominator;
}

/** The comparison of one case, if it was run. */
export function findCase(comparisons: CaseComparison[], key: CaseKey): CaseComparison | undefined {
  return comparisons.find(
    (comparison) =>
      comparison.mode === key.mode &&
      comparison.delayMs === key.delayMs &&
      comparison.concurrency === key.concurrency,
  );
}
