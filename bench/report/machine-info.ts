import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { repoPath, repoRoot } from '../repo-paths.js';
import { peerVersion } from '../targets/peer-target.js';

/** The machine a run was made on, as the report states it. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  /** 1-minute load average: the machine may be shared, and this says how busy it was. */
  loadAverage: number;
}

/** The versions of everything measured and measuring. */
export interface VersionInfo {
  sereno: string;
  peer: string;
  honoNodeServer: string;
  wrk: string;
  undici: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    kernel: `Linux ${release()}`,
    node: process.version,
    loadAverage: loadavg()[0] ?? 0,
  };
}

export function versionInfo(): VersionInfo {
  return {
    sereno: serenoVersion(),
    peer: peerVersion(),
    honoNodeServer: packageVersion('@hono/node-server'),
    wrk: wrkVersion(),
    undici: packageVersion('undici'),
  };
}

function serenoVersion(): string {
  const version = packageVersion('..');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    // dist/ is built from the working tree: new files count as much as changed ones.
    const dirty = git('status', '--porcelain', '--', 'src') !== '';
    return `${version} (commit ${commit}${dirty ? ', with uncommitted changes in src/' : ''})`;
  } catch {
    return version;
  }
}

function packageVersion(name: string): string {
  const path =
    name === '..' ? repoPath('package.json') : repoPath('node_modules', name, 'package.json');
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'not installed';
  }
}

function wrkVersion(): string {
  try {
    execFileSync('wrk', ['-v'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // wrk -v prints its version and exits with 1.
    const output = (error as { stdout?: string }).stdout ?? '';
    const match = /^wrk (\S+)/.exec(output);
    if (match?.[1]) return match[1];
  }
  return 'unknown';
}
