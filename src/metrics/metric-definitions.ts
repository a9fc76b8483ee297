import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Seconds; from a cached answer in tens of milliseconds to a long reasoning call. */
const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const firstTokenBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** Samples read at scrape time, from state Sereno keeps anyway. */
export interface ScrapedValues {
  coolingDeployments: () => Promise<number>;
  traceWriter: () => { queued: number; written: number; refused: number; failedBatches: number };
}

/**
 * Every metric `/metrics` shows, registered on the given registry. Labels take bounded
 * values only: route patterns, status codes, configured model and deployment names, error
 * codes of the catalogue; never a URL, a user, a trace or a key.
 */
export function defineMetrics(registry: Registry, scraped: ScrapedValues) {
  const registers = [registry];
  const writerCounter = (name: string, help: string, read: (stats: WriterStats) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read(scraped.traceWriter()));
      },
    });
  type WriterStats = ReturnType<ScrapedValues['traceWriter']>;

  return {
    requests: new Counter({
      name: 'sereno_requests_total',
      help: 'HTTP requests by route pattern, status and requested model',
      labelNames: ['route', 'status', 'model'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'sereno_errors_total',
      help: 'Error answers by Sereno error code',
      labelNames: ['code'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'sereno_request_duration_seconds',
      help: 'Gateway calls from request to last byte, by model group and deployment that answered',
      labelNames: ['model', 'deployment'] as const,
      buckets: durationBuckets,
      registers,
    }),
    timeToFirstToken: new Histogram({
      name: 'sereno_time_to_first_token_seconds',
      help: 'Streamed gateway calls from request to first token, by model group and deployment',
      labelNames: ['model', 'deployment'] as const,
      buckets: firstTokenBuckets,
      registers,
    }),
    tokens: new Counter({
      name: 'sereno_tokens_total',
      help: 'Tokens by model group, deployment and type: input (uncached), cached (read from cache), cache_write, output',
      labelNames: ['model', 'deployment', 'type'] as const,
      registers,
    }),
    cost: new Counter({
      name: 'sereno_cost_usd_total',
      help: 'Cost of gateway calls in USD, as priced by Sereno, by model group and deployment',
      labelNames: ['model', 'deployment'] as const,
      registers,
    }),
    attempts: new Counter({
      name: 'sereno_attempts_total',
      help: 'Upstream attempts by model group, deployment and outcome (success or failure)',
      labelNames: ['model', 'deployment', 'outcome'] as const,
      registers,
    }),
    fallbacks: new Counter({
      name: 'sereno_fallbacks_total',
      help: 'Moves of a call to a fallback model group, by requested model',
      labelNames: ['model'] as const,
      registers,
    }),
    cooldowns: new Counter({
      name: 'sereno_cooldowns_started_total',
      help: 'Cooldowns started, by deployment',
      labelNames: ['deployment'] as const,
      registers,
    }),
    cooling: new Gauge({
      name: 'sereno_deployments_cooling',
      help: 'Deployments cooling down now',
      registers,
      async collect() {
        this.set(await scraped.coolingDeployments());
      },
    }),
    queueDepth: new Gauge({
      name: 'sereno_trace_queue_depth',
      help: 'Trace writes waiting in memory to be stored',
      registers,
      collect() {
        this.set(scraped.traceWriter().queued);
      },
    }),
    written: writerCounter(
      'sereno_trace_writes_total',
      'Trace writes stored',
      (stats) => stats.written,
    ),
    refused: writerCounter(
      'sereno_trace_writes_refused_total',
      'Trace writes refused (dropped) because the queue was full',
      (stats) => stats.refused,
    ),
    failedBatches: writerCounter(
      'sereno_trace_batches_failed_total',
      'Trace batches the store failed to write',
      (stats) => stats.failedBatches,
    ),
  };
}

export type SerenoMetrics = ReturnType<typeof defineMetrics>;
