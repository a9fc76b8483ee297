import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, spawnChild, waitForHttp } from '../processes/child-process.js';
import { repoPath } from '../repo-paths.js';
import { benchModel, upstreamKey, type BenchTarget } from './bench-target.js';

export interface SerenoTargetOptions {
  upstreamOrigin: string;
  logLevel: string;
  /** Node flags before the script, such as `--cpu-prof` or an `--import` preload. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface SerenoTarget extends BenchTarget {
  pid: number;
  masterKey: string;
  origin: string;
  dataDir: string;
  /** Rows in the `traces` table; read it after `stop`, once every queued trace is written. */
  countStoredTraces(): number;
  /** Deletes the data directory. */
  removeData(): Promise<void>;
}

const masterKey = 'sk-bench-master-key';

/** The config Sereno runs with: one deployment on the fake upstream, priced, tracing on. */
export function serenoConfigYaml(upstreamOrigin: string, logLevel: string): string {
  return `model_list:
  - model_name: ${benchModel}
    litellm_params:
      model: openai/${benchModel}
      api_base: ${upstreamOrigin}/v1
      api_key: ${upstreamKey}
      input_cost_per_token: 0.00000015
      output_cost_per_token: 0.0000006
general_settings:
  master_key: ${masterKey}
server:
  host: 127.0.0.1
logging:
  level: ${logLevel}
`;
}

/**
 * Starts the compiled Sereno (`dist/cli/main.js start`) on a free loopback port with a fresh
 * data directory. Every call is traced into `<dataDir>/sereno.db`: Sereno has no switch to
 * turn tracing off.
 */
export async function startSerenoTarget(options: SerenoTargetOptions): Promise<SerenoTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sereno-bench-'));
  const configPath = join(dataDir, 'bench.yaml');
  await writeFile(configPath, serenoConfigYaml(options.upstreamOrigin, options.logLevel));
  const port = await freePort();
  const args = [
    ...(options.nodeArgs ?? []),
    repoPath('dist', 'cli', 'main.js'),
    'start',
    `--config=${configPath}`,
    `--data-dir=${dataDir}`,
    `--port=${port}`,
  ];
  const child = spawnChild(process.execPath, args, { env: options.env });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/health/liveliness`, child, 30_000);

  return {
    name: 'sereno',
    label: 'Sereno',
    url: `${origin}/v1/chat/completions`,
    headers: { authorization: `Bearer ${masterKey}` },
    pid: child.pid,
    masterKey,
    origin,
    dataDir,
    async stop() {
      const code = await child.stop(120_000);
      if (code !== 0) throw new Error(`Sereno exited with ${code}:\n${child.output()}`);
    },
    countStoredTraces() {
      const database = new Database(join(dataDir, 'sereno.db'), { readonly: true });
      try {
        const row = database.prepare('select count(*) as count from traces').get() as {
          count: number;
        };
        return row.count;
      } finally {
        database.close();
      }
    },
    removeData: () => rm(dataDir, { recursive: true, force: true }),
  };
}
