import { collectDefaultMetrics, Registry } from 'prom-client';
import type { CallSummary } from '../gateway/call-recorder.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { RouterState } from '../router/router-state.js';
import type { Clock } from '../time/clock.js';
import type { TraceWriterStats } from '../tracing/trace-writer.js';
import { defineMetrics, type SerenoMetrics } from './metric-definitions.js';

export interface GatewayMetricsOptions {
  models: ModelRegistry;
  /** Read at each scrape for the deployments cooling now. */
  routerState: () => RouterState;
  traceWriter: { stats(): TraceWriterStats };
  clock: Clock;
}

/** A request as the metrics see it when it ends; `model` and `errorCode` as logged. */
export interface RequestOutcome {
  route: string;
  status: number;
  model: unknown;
  errorCode: unknown;
}

/** The label of a model a client named: only names of configured model groups pass. */
const unknownModel = 'unknown';

/**
 * Sereno's Prometheus metrics, on a registry of its own so that two servers in one
 * process (as in tests) never share counts. Counting is a few map updates per request.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly metrics: SerenoMetrics;

  constructor(private readonly options: GatewayMetricsOptions) {
    // The process's own health: CPU, memory, event-loop delay, garbage collection.
    collectDefaultMetrics({ register: this.registry });
    this.metrics = defineMetrics(this.registry, {
      coolingDeployments: () => this.countCooling(),
      traceWriter: () => options.traceWriter.stats(),
    });
  }

  /** Counts a request that ended, whatever its route. */
  readonly observeRequest = (request: RequestOutcome): void => {
    const model = this.modelLabel(request.model);
    this.metrics.requests.inc({ route: request.route, status: String(request.status), model });
    if (typeof request.errorCode === 'string') {
      this.metrics.errors.inc({ code: request.errorCode });
    }
  };

  /** Counts a gateway call that ended: its attempts, fallbacks, latency, tokens and cost. */
  readonly observeCall = (call: CallSummary): void => {
    let previousGroup: string | undefined;
    for (const attempt of call.attempts) {
      const labels = { model: attempt.modelGroup, deployment: attempt.deployment.id };
      this.metrics.attempts.inc({ ...labels, outcome: attempt.failed ? 'failure' : 'success' });
      if (previousGroup !== undefined && previousGroup !== attempt.modelGroup) {
        this.metrics.fallbacks.inc({ model: this.modelLabel(call.model) });
      }
      previousGroup = attempt.modelGroup;
    }
    const last = call.attempts.at(-1);
    if (last)
      this.observeServedCall(call, { model: last.modelGroup, deployment: last.deployment.id });
  };

  /** Counts a cooldown that began. */
  readonly observeCooldown = (deploymentId: string): void => {
    this.metrics.cooldowns.inc({ deployment: deploymentId });
  };

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private observeServedCall(call: CallSummary, labels: { model: string; deployment: string }) {
    this.metrics.duration.observe(labels, call.durationMs / 1000);
    if (call.timeToFirstTokenMs !== undefined) {
      this.metrics.timeToFirstToken.observe(labels, call.timeToFirstTokenMs / 1000);
    }
    const usage = call.usage;
    if (usage) {
      this.metrics.tokens.inc({ ...labels, type: 'input' }, usage.inputTokens);
      this.metrics.tokens.inc({ ...labels, type: 'cached' }, usage.cacheReadTokens);
      this.metrics.tokens.inc({ ...labels, type: 'cache_write' }, usage.cacheWriteTokens);
      this.metrics.tokens.inc({ ...labels, type: 'output' }, usage.outputTokens);
    }
    if (call.cost) this.metrics.cost.inc(labels, call.cost.total);
  }

  private modelLabel(model: unknown): string {
    if (typeof model !== 'string') return '';
    return this.options.models.group(model) ? model : unknownModel;
  }

  private async countCooling(): Promise<number> {
    const ids = this.options.models.allDeployments().map((deployment) => deployment.id);
    const health = await this.options.routerState().health(ids, this.options.clock.now());
    return health.filter((entry) => entry.status === 'cooling').length;
  }
}
