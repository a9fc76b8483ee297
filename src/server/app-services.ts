import type { SerenoConfig } from '../config/sereno-config.js';
import type { GatewayServices } from '../gateway/chat-gateway.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { ProjectDirectory } from '../projects/project-directory.js';
import type { PromptStore } from '../prompts/prompt-store.js';
import type { SerenoDatabase } from '../store/open-database.js';
import type { Clock } from '../time/clock.js';
import type { TraceWriter } from '../tracing/trace-writer.js';

/** What the HTTP routes are built on; assembled once at startup. */
export interface AppServices {
  config: SerenoConfig;
  registry: ModelRegistry;
  gateway: GatewayServices;
  traceWriter: TraceWriter;
  db: SerenoDatabase;
  clock: Clock;
  projects: ProjectDirectory;
  defaultProjectId: string;
  metrics: GatewayMetrics;
  prompts: PromptStore;
}
