import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { parseConfig } from '../../src/config/load-config.js';
import type { InitProject } from '../../src/projects/init-project.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';

export interface StartSerenoOptions {
  environment?: Record<string, string>;
  /** Log level for this server; `silent` unless SERENO_TEST_LOG_LEVEL says otherwise. */
  logLevel?: string;
  /** Receives every log line, as JSON text. */
  logDestination?: DestinationStream;
  /** The project declared at startup. */
  initProject?: InitProject;
  /** Reuse this data directory (to restart on the same store) instead of a fresh one. */
  dataDir?: string;
}

export interface TestSereno extends RunningServer {
  dataDir: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** Starts Sereno in-process on a free loopback port with a config given as YAML text. */
export async function startSereno(
  yaml: string,
  environment: Record<string, string> = {},
  options: StartSerenoOptions = {},
): Promise<TestSereno> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sereno-test-')));
  const config = parseConfig(yaml, {
    environment: { ...environment, ...options.environment },
    overrides: { host: '127.0.0.1', port: 0, dataDir },
  });
  config.logLevel = options.logLevel ?? process.env.SERENO_TEST_LOG_LEVEL ?? 'silent';
  const server = await startServer(config, {
    logDestination: options.logDestination,
    initProject: options.initProject ?? { name: 'default' },
  });
  return Object.assign(server, {
    dataDir,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}
