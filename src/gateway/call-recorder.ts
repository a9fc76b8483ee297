import { randomUUID } from 'node:crypto';
import { ProviderError } from '../errors/provider-error.js';
import { SerenoError } from '../errors/sereno-error.js';
import type { Deployment } from '../models/deployment.js';
import type { CostBreakdown } from '../pricing/cost.js';
import { toUsageDetails, type TokenUsage } from '../pricing/token-usage.js';
import type { AttemptReport } from '../router/attempt.js';
import type { Clock } from '../time/clock.js';
import type { ObservationRecord, TraceRecord, TraceWrite } from '../tracing/trace-records.js';
import type { RequestContext } from './request-context.js';
import type { UsageEstimated } from './usage-estimate.js';

/** Where finished calls go; the trace writer, which never makes the caller wait. */
export interface TraceSink {
  offer(writes: TraceWrite[]): boolean;
}

export interface CallDescription {
  /** The trace name when the caller gave none, such as `chat.completions`. */
  name: string;
  model: string;
  input: unknown;
  modelParameters: Record<string, unknown>;
  /** The managed prompt the request named, linked from each generation. */
  prompt?: { name: string; version: number };
}

export interface CallSuccess {
  deployment: Deployment;
  output: unknown;
  usage: TokenUsage | undefined;
  cost: CostBreakdown | undefined;
  /** What Sereno counted of the usage, rather than read from the upstream's report. */
  usageEstimated?: UsageEstimated;
}

/** How a gateway call ended, for the metrics; it holds no id and no body. */
export interface CallSummary {
  /** The model the client asked for. */
  model: string;
  /** Each upstream attempt in order; `failed` when the router saw it fail. */
  attempts: { deployment: Deployment; modelGroup: string; failed: boolean }[];
  /** From the start of the request to the end of the call. */
  durationMs: number;
  /** From the start of the request to the first token; streams only. */
  timeToFirstTokenMs: number | undefined;
  usage: TokenUsage | undefined;
  cost: CostBreakdown | undefined;
  error: Error | undefined;
}

interface Outcome {
  output?: unknown;
  usage?: TokenUsage;
  cost?: CostBreakdown;
  usageEstimated?: UsageEstimated;
  error?: Error;
}

/**
 * Collects what happens to one gateway call and, when it is over, hands the trace to the
 * sink: one trace, and one generation per upstream attempt.
 */
export class CallRecorder {
  private readonly attempts: { report: AttemptReport; id: string }[] = [];
  private outcome: Outcome = {};
  private completionStartTime: number | undefined;
  private finished = false;
  private droppedListener: (() => void) | undefined;

  constructor(
    private readonly context: RequestContext,
    private readonly sink: TraceSink,
    private readonly clock: Clock,
    private readonly call: CallDescription,
  ) {}

  /** Called by the router after each attempt. */
  readonly recordAttempt = (report: AttemptReport): void => {
    this.attempts.push({ report, id: randomUUID() });
  };

  /** Called when a trace could not be queued; the metrics count it. */
  onDropped(listener: () => void): void {
    this.droppedListener = listener;
  }

  markFirstToken(): void {
    this.completionStartTime ??= this.clock.now();
  }

  succeed(success: CallSuccess): void {
    this.outcome = {
      output: success.output,
      usage: success.usage,
      cost: success.cost,
      usageEstimated: success.usageEstimated,
    };
  }

  /** A failure; `output` and `usage` keep what a broken stream delivered before it broke. */
  fail(
    error: Error,
    partial?: {
      output?: unknown;
      usage?: TokenUsage;
      cost?: CostBreakdown;
      usageEstimated?: UsageEstimated;
    },
  ): void {
    this.outcome = { ...partial, error };
  }

  /** Hands the call to the sink, once. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    const endTime = this.clock.now();
    const writes = this.build(endTime);
    if (!this.sink.offer(writes)) this.droppedListener?.();
    this.context.onCallEnd?.(this.summary(endTime));
  }

  private summary(endTime: number): CallSummary {
    const { startTime } = this.context;
    return {
      model: this.call.model,
      attempts: this.attempts.map(({ report }) => ({
        deployment: report.deployment,
        modelGroup: report.modelGroup,
        failed: report.error !== undefined,
      })),
      durationMs: endTime - startTime,
      timeToFirstTokenMs:
        this.completionStartTime === undefined ? undefined : this.completionStartTime - startTime,
      usage: this.outcome.usage,
      cost: this.outcome.cost,
      error: this.outcome.error,
    };
  }

  private build(endTime: number): TraceWrite[] {
    const writes: TraceWrite[] = [{ kind: 'trace', record: this.traceRecord() }];
    if (this.attempts.length === 0) {
      writes.push({ kind: 'observation', record: this.generationWithoutAttempt(endTime) });
    }
    this.attempts.forEach((attempt, index) => {
      const last = index === this.attempts.length - 1;
      writes.push({ kind: 'observation', record: this.generation(attempt, last, endTime) });
    });
    return writes;
  }

  /** The call's trace; on a trace the caller named, only the fields the caller set. */
  private traceRecord(): TraceRecord {
    const { context, call, outcome } = this;
    const { trace } = context;
    const own = !trace.callerTrace;
    return {
      projectId: context.projectId,
      id: trace.traceId,
      timestamp: own ? context.startTime : undefined,
      name: trace.traceName ?? (own ? call.name : undefined),
      userId: trace.userId,
      sessionId: trace.sessionId,
      tags: trace.tags,
      environment: trace.environment,
      metadata: trace.metadata,
      release: trace.release,
      version: trace.version,
      input: own || trace.writeTraceInput ? call.input : undefined,
      output: own || trace.writeTraceOutput ? outcome.output : undefined,
    };
  }

  private generation(
    { report, id }: { report: AttemptReport; id: string },
    last: boolean,
    endTime: number,
  ): ObservationRecord {
    const error = last ? (this.outcome.error ?? report.error) : report.error;
    const record: ObservationRecord = {
      ...this.baseGeneration(last ? (this.context.trace.generationId ?? id) : id),
      name: this.context.trace.generationName ?? report.deployment.id,
      startTime: report.startTime,
      endTime: last ? endTime : report.endTime,
      model: report.deployment.upstreamModel,
      metadata: {
        ...this.context.trace.generationMetadata,
        provider: report.deployment.provider,
        deployment: report.deployment.id,
        modelGroup: report.modelGroup,
        attempt: report.attempt,
        ...errorMetadata(error),
      },
    };
    if (last) {
      record.completionStartTime = this.completionStartTime;
      record.output = this.outcome.output;
      this.addUsage(record);
      const { usageEstimated } = this.outcome;
      if (usageEstimated) record.metadata = { ...(record.metadata as object), usageEstimated };
    }
    if (error) Object.assign(record, levelOf(error));
    return record;
  }

  private generationWithoutAttempt(endTime: number): ObservationRecord {
    const record: ObservationRecord = {
      ...this.baseGeneration(this.context.trace.generationId ?? randomUUID()),
      name: this.context.trace.generationName ?? this.call.model,
      startTime: this.context.startTime,
      endTime,
      model: this.call.model,
      metadata: { ...this.context.trace.generationMetadata, ...errorMetadata(this.outcome.error) },
    };
    if (this.outcome.error) Object.assign(record, levelOf(this.outcome.error));
    return record;
  }

  private baseGeneration(id: string): ObservationRecord {
    return {
      projectId: this.context.projectId,
      id,
      traceId: this.context.trace.traceId,
      type: 'GENERATION',
      parentObservationId: this.context.trace.parentObservationId,
      environment: this.context.trace.environment,
      version: this.context.trace.generationVersion,
      input: this.call.input,
      modelParameters: this.call.modelParameters,
      promptName: this.call.prompt?.name,
      promptVersion: this.call.prompt?.version,
    };
  }

  private addUsage(record: ObservationRecord): void {
    const { usage, cost } = this.outcome;
    if (!usage) return;
    record.usageDetails = toUsageDetails(usage);
    if (cost) {
      record.costDetails = cost.details;
      record.totalCost = cost.total;
    }
  }
}

function errorMetadata(error: Error | undefined): Record<string, unknown> {
  if (!error) return {};
  const metadata: Record<string, unknown> = { error: error.message };
  if (error instanceof SerenoError) {
    metadata.status = error.status;
    metadata.errorCode = error.code;
  }
  if (error instanceof ProviderError) metadata.upstreamStatus = error.upstreamStatus;
  return metadata;
}

function levelOf(error: Error): Pick<ObservationRecord, 'level' | 'statusMessage'> {
  const clientLeft = error instanceof SerenoError && error.kind === 'client_closed';
  return { level: clientLeft ? 'WARNING' : 'ERROR', statusMessage: error.message };
}
