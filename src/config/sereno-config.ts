import type { Deployment } from '../models/deployment.js';

export type RoutingStrategy =
  | 'simple-shuffle'
  | 'least-busy'
  | 'latency-based-routing'
  | 'usage-based-routing'
  | 'cost-based-routing';

/** Error kinds that `retry_policy` and `allowed_fails_policy` set apart. */
export type PolicyErrorKind =
  'badRequest' | 'authentication' | 'timeout' | 'rateLimit' | 'contentPolicy' | 'internalServer';

export interface RouterSettings {
  routingStrategy: RoutingStrategy;
  numRetries: number;
  /** Overall deadline of one request, across retries and fallbacks. */
  timeoutMs: number;
  streamTimeoutMs: number | undefined;
  maxAttempts: number | undefined;
  fallbacks: Map<string, string[]>;
  contextWindowFallbacks: Map<string, string[]>;
  contentPolicyFallbacks: Map<string, string[]>;
  defaultFallbacks: string[];
  allowedFails: number;
  cooldownSeconds: number;
  retryPolicy: Partial<Record<PolicyErrorKind, number>>;
  allowedFailsPolicy: Partial<Record<PolicyErrorKind, number>>;
  enablePreCallChecks: boolean;
}

/** A project declared at startup, as Langfuse's headless initialisation does. */
export interface InitProject {
  name: string;
  publicKey?: string;
  secretKey?: string;
}

/** The config Sereno runs with: the file read, checked and filled with defaults. */
export interface SerenoConfig {
  /** The file it came from, absent when Sereno started without one. */
  sourcePath: string | undefined;
  server: { host: string; port: number; bodyLimitBytes: number };
  dataDir: string;
  logLevel: string;
  masterKey: string | undefined;
  /** The default project: `init_project`, overridden by `SERENO_INIT_PROJECT_*`. */
  initProject: InitProject | undefined;
  deployments: Deployment[];
  router: RouterSettings;
  /**
   * `tracing:`: traces older than `retentionDays` are deleted (kept forever when unset);
   * without `storeBodies`, inputs and outputs of traces and observations are not stored.
   */
  tracing: { retentionDays: number | undefined; storeBodies: boolean };
  /** Things read one sensible way or not acted on, said once at startup. */
  warnings: string[];
}
