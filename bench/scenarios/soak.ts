import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../bench-options.js';
import { runClientLoad } from '../load/client-load.js';
import type { LoadResult } from '../load/load-result.js';
import { chatRequestBody } from '../load/request-bodies.js';
import { readCpuSeconds, readMemoryMb } from '../processes/process-meter.js';
import { repoPath } from '../repo-paths.js';
import { startSerenoTarget, type SerenoTarget } from '../targets/sereno-target.js';
import type { UpstreamProcess } from '../targets/upstream-process.js';
import { readLoopLagFromMetrics } from './metrics-scrape.js';
import { traceCheck, type TraceCheck } from './trace-check.js';

/** One sample of the soak, taken every `soakSampleSeconds`. */
export interface SoakSample {
  elapsedSeconds: number;
  rssMb: number;
  /** CPU cores used since the previous sample. */
  cpuCores: number;
  /** Main-thread event-loop delay over the probe's last interval, ms past the sampling timer. */
  loopDelayP50Ms: number | undefined;
  loopDelayP99Ms: number | undefined;
  loopDelayMaxMs: number | undefined;
  /** `nodejs_eventloop_lag_p99_seconds` from Sereno's /metrics, in ms, where it exists. */
  metricsLoopLagP99Ms: number | undefined;
}

export interface RssDrift {
  /** RSS change from just after warm-up to the end, in percent of the former. */
  driftPercent: number;
  /** Mean RSS of the first quarter of the samples after warm-up. */
  rssAfterWarmupMb: number;
  /** Mean RSS of the last quarter of the samples. */
  rssAtEndMb: number;
  /** Lowest and highest RSS sampled after warm-up. */
  rssLowMb: number;
  rssHighMb: number;
}

export interface SoakResult extends RssDrift {
  seconds: number;
  warmupSeconds: number;
  samples: SoakSample[];
  json: LoadResult;
  stream: LoadResult;
  traceCheck: TraceCheck;
  /** Whether Sereno's /metrics had the event-loop lag gauge at any sample. */
  metricsHadLoopLag: boolean;
}

interface LoopLine {
  time: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Mixed JSON and streaming load on Sereno for `soakSeconds`, tracing on, sampling its RSS,
 * CPU and event-loop delay (a preloaded probe; /metrics too where it has the gauge). No
 * request is cut at the end, so the stored traces must equal the requests sent, exactly.
 */
export async function runSoak(
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<SoakResult> {
  await upstream.configure({ delayMs: options.soakDelayMs, chunkDelayMs: options.chunkDelayMs });
  const loopFile = join(tmpdir(), `sereno-bench-loop-${process.pid}.jsonl`);
  const sereno = await startSerenoTarget({
    upstreamOrigin: upstream.origin,
    logLevel: options.serenoLogLevel,
    nodeArgs: ['--import', repoPath('bench', 'probes', 'event-loop-probe.mjs')],
    env: {
      ...process.env,
      BENCH_LOOP_FILE: loopFile,
      BENCH_LOOP_INTERVAL_MS: String(options.soakSampleSeconds * 1000),
    },
  });
  try {
    return await soakRunning(options, sereno, loopFile);
  } finally {
    await sereno.stop();
    await sereno.removeData();
  }
}

async function soakRunning(
  options: BenchOptions,
  sereno: SerenoTarget,
  loopFile: string,
): Promise<SoakResult> {
  const started = Date.now();
  const sampler = startSampler(sereno, options.soakSampleSeconds, started);
  const load = (mode: 'json' | 'stream', connections: number) =>
    runClientLoad({
      mode,
      url: sereno.url,
      headers: sereno.headers,
      body: chatRequestBody(mode === 'stream'),
      connections,
      warmupSeconds: 0,
      seconds: options.soakSeconds,
    });
  const [json, stream] = await Promise.all([
    load('json', options.soakJsonConnections),
    load('stream', options.soakStreamConnections),
  ]);
  const samples = await sampler.stop();
  await sereno.stop();
  attachLoopDelays(samples, await readLoopLines(loopFile), started);

  const warmupSeconds = Math.max(options.soakSampleSeconds, options.soakSeconds * 0.2);
  const drift = rssDrift(samples, warmupSeconds);
  const sent = json.requests + json.errors + stream.requests + stream.errors;
  return {
    seconds: options.soakSeconds,
    warmupSeconds,
    samples,
    json,
    stream,
    ...drift,
    traceCheck: traceCheck('soak', {
      completedByClients: json.requests + stream.requests,
      clientErrors: json.errors + stream.errors,
      callsServed: sent,
      storedTraces: sereno.countStoredTraces(),
    }),
    metricsHadLoopLag: samples.some((sample) => sample.metricsLoopLagP99Ms !== undefined),
  };
}

function startSampler(sereno: SerenoTarget, everySeconds: number, started: number) {
  const samples: SoakSample[] = [];
  let lastCpu = readCpuSeconds(sereno.pid);
  let lastTime = performance.now();
  let pending = Promise.resolve();
  const take = async () => {
    const pid = sereno.pid;
    const cpu = readCpuSeconds(pid);
    const now = performance.now();
    const sample: SoakSample = {
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
      rssMb: readMemoryMb(pid).rssMb,
      cpuCores: (cpu - lastCpu) / ((now - lastTime) / 1000),
      loopDelayP50Ms: undefined,
      loopDelayP99Ms: undefined,
      loopDelayMaxMs: undefined,
      metricsLoopLagP99Ms: await readLoopLagFromMetrics(sereno.origin, sereno.masterKey),
    };
    lastCpu = cpu;
    lastTime = now;
    samples.push(sample);
    console.log(
      `soak ${String(sample.elapsedSeconds).padStart(4)} s  rss ${sample.rssMb.toFixed(1)} MB` +
        `  cpu ${sample.cpuCores.toFixed(2)}`,
    );
  };
  const timer = setInterval(() => {
    pending = pending.then(take);
  }, everySeconds * 1000);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return samples;
    },
  };
}

async function readLoopLines(file: string): Promise<LoopLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  await rm(file, { force: true });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LoopLine);
}

/** Gives each sample the probe's latest interval that ended before it (a second's slack). */
function attachLoopDelays(samples: SoakSample[], lines: LoopLine[], started: number): void {
  for (const sample of samples) {
    const sampleTime = started + sample.elapsedSeconds * 1000 + 1000;
    const line = lines.filter((candidate) => candidate.time <= sampleTime).at(-1);
    if (!line) continue;
    sample.loopDelayP50Ms = line.p50;
    sample.loopDelayP99Ms = line.p99;
    sample.loopDelayMaxMs = line.max;
  }
}

/**
 * RSS drift after warm-up: the mean of the last quarter of the samples against the mean of
 * the first quarter after warm-up. RSS saws up and down with garbage collection, so single
 * samples would decide nothing.
 */
export function rssDrift(samples: SoakSample[], warmupSeconds: number): RssDrift {
  const afterWarmup = samples.filter((sample) => sample.elapsedSeconds >= warmupSeconds);
  const quarter = Math.max(1, Math.floor(afterWarmup.length / 4));
  const mean = (part: SoakSample[]) =>
    part.reduce((total, sample) => total + sample.rssMb, 0) / part.length;
  const rssAfterWarmupMb = mean(afterWarmup.slice(0, quarter));
  const rssAtEndMb = mean(afterWarmup.slice(-quarter));
  const rss = afterWarmup.map((sample) => sample.rssMb);
  return {
    driftPercent: ((rssAtEndMb - rssAfterWarmupMb) / rssAfterWarmupMb) * 100,
    rssAfterWarmupMb,
    rssAtEndMb,
    rssLowMb: Math.min(...rss),
    rssHighMb: Math.max(...rss),
  };
}
