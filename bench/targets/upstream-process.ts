import { freePort, spawnChild, tsxCommand, waitForLine } from '../processes/child-process.js';
import { repoPath } from '../repo-paths.js';
import type { UpstreamSettings, UpstreamStats } from '../upstream/fake-upstream.js';

/** The fake upstream, running in its own process. */
export interface UpstreamProcess {
  /** Such as `http://127.0.0.1:41234`. */
  origin: string;
  pid: number;
  configure(settings: Partial<UpstreamSettings>): Promise<void>;
  stats(): Promise<UpstreamStats>;
  stop(): Promise<void>;
}

/** Starts the fake upstream on a free loopback port. */
export async function startUpstream(settings: UpstreamSettings): Promise<UpstreamProcess> {
  const port = await freePort();
  const [command, args] = tsxCommand(repoPath('bench', 'upstream', 'main.ts'), [
    `--port=${port}`,
    `--delay-ms=${settings.delayMs}`,
    `--chunk-delay-ms=${settings.chunkDelayMs}`,
  ]);
  const child = spawnChild(command, args, { keepStdout: true });
  await waitForLine(child, /listening (\d+)/, 20_000);
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    pid: child.pid,
    async configure(changed) {
      const response = await fetch(`${origin}/bench/settings`, {
        method: 'PUT',
        body: JSON.stringify(changed),
      });
      if (!response.ok) throw new Error(`upstream refused settings: ${await response.text()}`);
    },
    async stats() {
      const response = await fetch(`${origin}/bench/stats`);
      return (await response.json()) as UpstreamStats;
    },
    async stop() {
      await child.stop(2_000);
    },
  };
}
