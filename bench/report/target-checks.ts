import type { SoakResult } from '../scenarios/soak.js';
import type { LatencyMeasurement } from '../scenarios/latency-matrix.js';
import { findCase, type CaseComparison } from './comparisons.js';
import { formatNumber } from './markdown-table.js';

/** One of Sereno's speed and memory targets on a 2-core machine, and how this run did. */
export interface TargetCheck {
  goal: string;
  limit: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
  /** Whether a CPU profile should say where Sereno's time goes when this one is missed. */
  speedTarget: boolean;
}

/** The targets' limits: throughput over the peer, added latency, memory and its drift. */
export const targetLimits = {
  throughputOverPeer: 5,
  addedP50Ms: 0.3,
  addedP99Ms: 1.5,
  addedFirstTokenP50Ms: 0.5,
  rssAt200Mb: 120,
  soakDriftPercent: 10,
} as const;

/** Checks every target against what this run measured; a case not run is "not measured". */
export function checkTargets(
  comparisons: CaseComparison[],
  measurements: LatencyMeasurement[],
  soak: SoakResult | undefined,
): TargetCheck[] {
  return [
    throughputTarget(comparisons),
    ...addedLatencyTargets(comparisons),
    firstTokenTarget(comparisons),
    memoryTarget(measurements),
    driftTarget(soak),
  ];
}

function throughputTarget(comparisons: CaseComparison[]): TargetCheck {
  const goal = 'Requests/s at concurrency 50 (JSON, no delay, tracing on)';
  const limit = `at least ${targetLimits.throughputOverPeer} x the peer's`;
  const cell = findCase(comparisons, { mode: 'json', delayMs: 0, concurrency: 50 });
  const sereno = cell?.byTarget.sereno?.load.requestsPerSecond;
  const peer = cell?.byTarget.peer?.load.requestsPerSecond;
  if (sereno === undefined || peer === undefined || !cell?.serenoOverPeer) {
    return notMeasured(goal, limit, true);
  }
  return {
    goal,
    limit,
    measured:
      `${formatNumber(sereno)} vs ${formatNumber(peer)} req/s: ` +
      `${fixed(cell.serenoOverPeer, 2)} x`,
    status: cell.serenoOverPeer >= targetLimits.throughputOverPeer ? 'met' : 'missed',
    speedTarget: true,
  };
}

function addedLatencyTargets(comparisons: CaseComparison[]): TargetCheck[] {
  const added = findCase(comparisons, { mode: 'json', delayMs: 0, concurrency: 1 })?.added.sereno;
  const check = (percentile: 'p50' | 'p99', limitMs: number): TargetCheck => {
    const goal = `Added latency at concurrency 1, ${percentile} (JSON, no delay)`;
    const limit = `at most ${limitMs} ms`;
    if (!added) return notMeasured(goal, limit, true);
    return {
      goal,
      limit,
      measured: `${fixed(added[percentile], 3)} ms`,
      status: added[percentile] <= limitMs ? 'met' : 'missed',
      speedTarget: true,
    };
  };
  return [check('p50', targetLimits.addedP50Ms), check('p99', targetLimits.addedP99Ms)];
}

function firstTokenTarget(comparisons: CaseComparison[]): TargetCheck {
  const goal = 'Streaming: added time to first token, p50 (concurrency 1, no delay)';
  const limit = `at most ${targetLimits.addedFirstTokenP50Ms} ms`;
  const cell = findCase(comparisons, { mode: 'stream', delayMs: 0, concurrency: 1 });
  const added = cell?.added.sereno?.timeToFirstTokenP50;
  if (added === undefined) return notMeasured(goal, limit, true);
  return {
    goal,
    limit,
    measured: `${fixed(added, 3)} ms`,
    status: added <= targetLimits.addedFirstTokenP50Ms ? 'met' : 'missed',
    speedTarget: true,
  };
}

function memoryTarget(measurements: LatencyMeasurement[]): TargetCheck {
  const goal = "Memory at concurrency 200 (peak RSS, highest of Sereno's runs at 200)";
  const limit = `at most ${targetLimits.rssAt200Mb} MB`;
  const peaks = measurements
    .filter((measurement) => measurement.target === 'sereno' && measurement.concurrency === 200)
    .map((measurement) => measurement.usage?.peakRssMb ?? 0);
  if (peaks.length === 0) return notMeasured(goal, limit, true);
  const peak = Math.max(...peaks);
  return {
    goal,
    limit,
    measured: `${fixed(peak, 0)} MB`,
    status: peak <= targetLimits.rssAt200Mb ? 'met' : 'missed',
    speedTarget: true,
  };
}

function driftTarget(soak: SoakResult | undefined): TargetCheck {
  const goal = 'Memory drift over the soak, after warm-up';
  const limit = `at most ${targetLimits.soakDriftPercent}%`;
  if (!soak || !Number.isFinite(soak.driftPercent)) return notMeasured(goal, limit, false);
  return {
    goal,
    limit,
    measured:
      `${fixed(soak.driftPercent, 1)}% (mean RSS ${fixed(soak.rssAfterWarmupMb, 0)} MB to ` +
      `${fixed(soak.rssAtEndMb, 0)} MB over ${soak.seconds} s)`,
    status: soak.driftPercent <= targetLimits.soakDriftPercent ? 'met' : 'missed',
    speedTarget: false,
  };
}

function notMeasured(goal: string, limit: string, speedTarget: boolean): TargetCheck {
  return { goal, limit, measured: 'not measured in this run', status: 'not measured', speedTarget };
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
