/**
 * `npm run bench`: Sereno against the direct path and a peer gateway, all on loopback.
 * `npm run bench -- --help` lists the options.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseBenchOptions, usage, type BenchOptions } from './bench-options.js';
import { ensureWrk } from './load/wrk-load.js';
import { profileSereno } from './profile/cpu-profile.js';
import { latencyCharts } from './report/charts.js';
import { compareCases } from './report/comparisons.js';
import { machineInfo, versionInfo } from './report/machine-info.js';
import { runSection } from './report/markdown-report.js';
import type { BenchRun } from './report/run-record.js';
import { checkTargets } from './report/target-checks.js';
import { appendRunToDocs, runStamp, writeCharts, writeRunData } from './report/write-docs.js';
import { repoRoot } from './repo-paths.js';
import { runLatencyMatrix } from './scenarios/latency-matrix.js';
import { runMicroBenchmarks } from './scenarios/micro-benchmarks.js';
import { runSoak } from './scenarios/soak.js';
import { startUpstream, type UpstreamProcess } from './targets/upstream-process.js';

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }

  const startedAt = new Date();
  const machine = machineInfo();
  console.log(
    `load average at the start: ${machine.loadAverage.toFixed(2)} (${machine.cores} cores)`,
  );
  ensureWrk();
  if (options.build) build();
  const upstream = await startUpstream({ delayMs: 0, chunkDelayMs: options.chunkDelayMs });
  let run: BenchRun;
  try {
    run = await measure(options, upstream, startedAt, machine);
  } finally {
    await upstream.stop();
  }

  const section = runSection(run);
  console.log(`\n${section}`);
  if (options.write) {
    await writeRunData(runStamp(run.startedAt), run);
    console.log(`appended to ${await appendRunToDocs(section)}`);
  }
  return 0;
}

async function measure(
  options: BenchOptions,
  upstream: UpstreamProcess,
  startedAt: Date,
  machine: BenchRun['machine'],
): Promise<BenchRun> {
  const has = (name: BenchOptions['scenarios'][number]) => options.scenarios.includes(name);
  const matrix = has('latency') ? await runLatencyMatrix(options, upstream) : undefined;
  const soak = has('soak') ? await runSoak(options, upstream) : undefined;
  const micro = has('micro') ? await runMicroBenchmarks(options, upstream) : undefined;

  const comparisons = compareCases(matrix?.measurements ?? []);
  const targets = checkTargets(comparisons, matrix?.measurements ?? [], soak);
  const speedMissed = targets.some((target) => target.speedTarget && target.status === 'missed');
  let profile: BenchRun['profile'] = 'No profile: no speed or memory target was missed.';
  if (!has('profile')) profile = 'No profile: the profile scenario was not picked.';
  else if (speedMissed || !has('latency')) {
    console.log('profiling Sereno under load');
    profile = await profileSereno(options, upstream);
  }

  const charts = options.write
    ? await writeCharts(runStamp(startedAt), latencyCharts(comparisons))
    : [];
  return {
    startedAt,
    finishedAt: new Date(),
    machine,
    loadAverageAtEnd: loadavg()[0] ?? 0,
    versions: versionInfo(),
    options,
    matrix,
    comparisons,
    soak,
    micro,
    profile,
    targets,
    charts,
  };
}

function build(): void {
  console.log('building Sereno: npm run build');
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed; fix it or pass --no-build');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
