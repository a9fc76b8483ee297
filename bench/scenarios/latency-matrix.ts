import type { BenchOptions, LoadMode, TargetName } from '../bench-options.js';
import { driveLoad } from '../load/drive-load.js';
import type { LoadResult } from '../load/load-result.js';
import { startProcessMeter, type ProcessUsage } from '../processes/process-meter.js';
import type { BenchTarget } from '../targets/bench-target.js';
import { isSerenoTarget, startTarget } from '../targets/start-target.js';
import type { UpstreamProcess } from '../targets/upstream-process.js';
import { traceCheck, type TraceCheck } from './trace-check.js';

/** One cell of the matrix: a target, a body kind, a concurrency and an upstream delay. */
export interface LatencyCase {
  target: TargetName;
  mode: LoadMode;
  concurrency: number;
  delayMs: number;
}

export interface LatencyMeasurement extends LatencyCase {
  load: LoadResult;
  /** The gateway's CPU and memory during the measured run; none for the direct path. */
  usage: ProcessUsage | undefined;
}

export interface LatencyMatrixResult {
  measurements: LatencyMeasurement[];
  /** How each target was named, with its version. */
  labels: Partial<Record<TargetName, string>>;
  traceChecks: TraceCheck[];
}

/**
 * Runs every case of the matrix, one target at a time: the target is started once, driven
 * through every mode, delay and concurrency (a warm-up run, then the measured run), and
 * stopped. Sereno's stored traces are counted against the calls it forwarded.
 */
export async function runLatencyMatrix(
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<LatencyMatrixResult> {
  const result: LatencyMatrixResult = { measurements: [], labels: {}, traceChecks: [] };
  for (const name of options.targets) {
    const target = await startTarget(name, upstream, options);
    result.labels[name] = target.label;
    const forwardedBefore = (await upstream.stats()).chatRequests;
    let completed = 0;
    let errors = 0;

    let cases;
    try {
      cases = await runCases(target, options, upstream);
    } finally {
      await target.stop();
    }
    for (const measurement of cases) {
      completed += measurement.completed;
      errors += measurement.errors;
      result.measurements.push(measurement.measurement);
    }

    if (isSerenoTarget(target)) {
      const forwarded = (await upstream.stats()).chatRequests - forwardedBefore;
      result.traceChecks.push(
        traceCheck('latency matrix', {
          completedByClients: completed,
          clientErrors: errors,
          callsServed: forwarded,
          storedTraces: target.countStoredTraces(),
        }),
      );
      await target.removeData();
    }
  }
  return result;
}

async function runCases(
  target: BenchTarget,
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<{ measurement: LatencyMeasurement; completed: number; errors: number }[]> {
  const done = [];
  for (const mode of options.modes) {
    for (const delayMs of options.upstreamDelaysMs) {
      await upstream.configure({ delayMs, chunkDelayMs: options.chunkDelayMs });
      for (const concurrency of options.concurrencies) {
        const stopMeter = target.pid === undefined ? undefined : startProcessMeter(target.pid);
        const load = await driveLoad(
          target,
          mode,
          concurrency,
          options.durationSeconds,
          options.warmupSeconds,
        );
        const usage = stopMeter?.();
        const measurement = { target: target.name, mode, concurrency, delayMs, load, usage };
        console.log(progressLine(measurement));
        done.push({
          measurement,
          completed: load.requests + (load.warmup?.requests ?? 0),
          errors: load.errors + (load.warmup?.errors ?? 0),
        });
      }
    }
  }
  return done;
}

function progressLine(measurement: LatencyMeasurement): string {
  const { load, usage } = measurement;
  const ms = (value: number) => value.toFixed(2);
  const parts = [
    `${measurement.target.padEnd(6)} ${measurement.mode.padEnd(6)}`,
    `c=${String(measurement.concurrency).padEnd(3)} delay=${String(measurement.delayMs).padEnd(3)}`,
    `${load.requestsPerSecond.toFixed(0).padStart(6)} req/s`,
    `p50 ${ms(load.latency.p50)} p90 ${ms(load.latency.p90)} p99 ${ms(load.latency.p99)} ms`,
  ];
  if (load.timeToFirstToken) parts.push(`ttft p50 ${ms(load.timeToFirstToken.p50)} ms`);
  if (usage) parts.push(`cpu ${usage.cpuCores.toFixed(2)} rss ${usage.peakRssMb.toFixed(0)} MB`);
  if (load.errors > 0) parts.push(`errors ${load.errors}`);
  return parts.join('  ');
}
