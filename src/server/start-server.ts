import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { SerenoConfig } from '../config/sereno-config.js';
import { createLogger, flushLogger, type Logger } from '../logging/logger.js';
import { CountingRouterState } from '../metrics/counting-router-state.js';
import { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { ModelRegistry } from '../models/model-registry.js';
import { initialiseDefaultProject, type InitProject } from '../projects/init-project.js';
import { ProjectDirectory } from '../projects/project-directory.js';
import { PromptStore } from '../prompts/prompt-store.js';
import { createProviderAdapters } from '../providers/adapters.js';
import { MemoryRouterState } from '../router/memory-router-state.js';
import { Router } from '../router/router.js';
import { openSqliteDatabase, type SerenoDatabase } from '../store/open-database.js';
import { systemClock, type Clock } from '../time/clock.js';
import { RetentionSweeper } from '../tracing/retention/retention-sweeper.js';
import { withoutBodies } from '../tracing/retention/without-bodies.js';
import { writeTraceBatch } from '../tracing/trace-repository.js';
import { TraceWriter } from '../tracing/trace-writer.js';
import type { AppServices } from './app-services.js';
import { createApp } from './create-app.js';

export interface StartOptions {
  clock?: Clock;
  /** Log as readable text rather than JSON lines. */
  prettyLogs?: boolean;
  /** Most trace writes held in memory before ingestion answers 429; 50,000 by default. */
  traceQueueSize?: number;
  /** Where log lines go instead of stdout. */
  logDestination?: DestinationStream;
  /** The project declared at startup; read from the environment when not given. */
  initProject?: InitProject;
}

export interface RunningServer {
  app: FastifyInstance;
  services: AppServices;
  /** The address the server listens on, such as `http://127.0.0.1:4000`. */
  url: string;
  /** Stops taking requests, writes out queued traces and closes the store. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/** Opens the store, builds the services and the app, and listens. */
export async function startServer(
  config: SerenoConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const logger = createLogger({
    level: config.logLevel,
    pretty: options.prettyLogs ?? false,
    destination: options.logDestination,
  });
  for (const warning of config.warnings) logger.warn({ config: config.sourcePath }, warning);
  if (!config.masterKey) {
    if (!loopbackHosts.has(config.server.host)) {
      throw new Error(
        `Refusing to listen on ${config.server.host} without a master key: anyone could spend your provider keys. Set SERENO_MASTER_KEY or general_settings.master_key.`,
      );
    }
    logger.warn('no master key is set: any local process may call the gateway without a key');
  }

  const db = await openSqliteDatabase(config.dataDir);
  const defaultProjectId = await initialiseDefaultProject(
    db,
    options.initProject ?? config.initProject,
    clock.now(),
  );
  const traceWriter = new TraceWriter({
    writeBatch: (writes, now) =>
      writeTraceBatch(db, config.tracing.storeBodies ? writes : withoutBodies(writes), now),
    clock,
    logger: logger.child({ component: 'trace-writer' }),
    maxQueuedWrites: options.traceQueueSize ?? 50_000,
    maxBatchSize: 500,
    flushIntervalMs: 100,
  });
  const registry = new ModelRegistry(config.deployments);
  const router = new Router({
    registry,
    settings: config.router,
    state: new CountingRouterState(new MemoryRouterState(), clock, (id) =>
      metrics.observeCooldown(id),
    ),
    clock,
  });
  const metrics = new GatewayMetrics({
    models: registry,
    routerState: () => router.state,
    traceWriter,
    clock,
  });
  const retention = startRetention(config, db, clock, logger);
  const services: AppServices = {
    config,
    registry,
    gateway: { router, adapters: createProviderAdapters(), clock },
    traceWriter,
    db,
    clock,
    projects: new ProjectDirectory(db, clock),
    defaultProjectId,
    metrics,
    prompts: new PromptStore(db, clock),
  };

  const app = createApp(services, logger as FastifyBaseLogger);
  const address = await app.listen({ host: config.server.host, port: config.server.port });
  logger.info(
    { address, config: config.sourcePath ?? null, models: registry.allGroups().length },
    'sereno is listening',
  );

  return {
    app,
    services,
    url: address.replace('[::1]', '127.0.0.1'),
    async close() {
      await app.close();
      await retention?.stop();
      await traceWriter.close();
      await db.destroy();
      await flushLogger(logger);
    },
  };
}

/** Deletes traces past `tracing.retention_days` on a timer, when it is set. */
function startRetention(
  config: SerenoConfig,
  db: SerenoDatabase,
  clock: Clock,
  logger: Logger,
): RetentionSweeper | undefined {
  const retentionDays = config.tracing.retentionDays;
  if (retentionDays === undefined) return undefined;
  const sweeper = new RetentionSweeper({
    db,
    clock,
    logger: logger.child({ component: 'retention' }),
    retentionDays,
  });
  sweeper.start();
  return sweeper;
}
