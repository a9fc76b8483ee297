import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../bench-options.js';
import { driveLoad } from '../load/drive-load.js';
import type { LoadResult } from '../load/load-result.js';
import { startSerenoTarget } from '../targets/sereno-target.js';
import type { UpstreamProcess } from '../targets/upstream-process.js';
import {
  summariseProfile,
  type CpuProfile,
  type ProfileSummary,
  type ProfileWindow,
} from './profile-summary.js';

export interface ProfileResult {
  /** The load the profiled run carried (JSON, no upstream delay). */
  load: LoadResult;
  concurrency: number;
  mainThread: ProfileSummary;
  /** The SQLite worker thread, where the trace writes run. */
  workerThreads: ProfileSummary[];
}

const profiledConcurrency = Number(process.env.BENCH_PROFILE_CONCURRENCY ?? 50);

/**
 * Runs Sereno under `node --cpu-prof` with JSON load at concurrency 50 and no upstream
 * delay, stops it (the profile is written at exit) and summarises each thread's profile.
 */
export async function profileSereno(
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<ProfileResult> {
  await upstream.configure({ delayMs: 0, chunkDelayMs: options.chunkDelayMs });
  const directory = await mkdtemp(join(tmpdir(), 'sereno-bench-profile-'));
  const sereno = await startSerenoTarget({
    upstreamOrigin: upstream.origin,
    logLevel: options.serenoLogLevel,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`],
  });
  try {
    await driveLoad(sereno, 'json', profiledConcurrency, 1);
    const startUs = monotonicMicroseconds();
    const load = await driveLoad(sereno, 'json', profiledConcurrency, options.profileSeconds);
    const window = { startUs, endUs: monotonicMicroseconds() };
    await sereno.stop();
    const summaries = await readProfiles(directory, window);
    const [mainThread, ...workerThreads] = summaries;
    if (!mainThread) throw new Error('node --cpu-prof wrote no profile');
    return { load, concurrency: profiledConcurrency, mainThread, workerThreads };
  } finally {
    await sereno.stop();
    await sereno.removeData();
    await rm(directory, { recursive: true, force: true });
  }
}

/** V8 stamps profiles with the monotonic clock that `process.hrtime` reads. */
function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Profiles in thread order: Node names them `CPU.<date>.<time>.<pid>.<thread>.<seq>`. */
async function readProfiles(directory: string, window: ProfileWindow): Promise<ProfileSummary[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.cpuprofile'));
  const threadOf = (file: string) => Number(file.split('.').at(-3));
  files.sort((a, b) => threadOf(a) - threadOf(b));
  const summaries = [];
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(directory, file), 'utf8')) as CpuProfile;
    summaries.push(summariseProfile(profile, window));
  }
  return summaries;
}
