import type { Logger } from '../logging/logger.js';
import type { CallSummary } from './call-recorder.js';

/** Who is calling and how the call may be joined to the caller's own trace. */
export interface TraceContext {
  traceId: string;
  /**
   * The caller named the trace (its own, or one it shares between calls): the trace gets
   * only the fields below that the caller set, never the gateway's name, input or output.
   */
  callerTrace?: boolean;
  parentObservationId?: string;
  traceName?: string;
  sessionId?: string;
  userId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
  environment?: string;
  release?: string;
  version?: string;
  /** Write the call's input or output on a trace the caller named (`update_trace_keys`). */
  writeTraceInput?: boolean;
  writeTraceOutput?: boolean;
  /** The generation's name, id (of the last attempt), version and the caller's metadata. */
  generationName?: string;
  generationId?: string;
  generationVersion?: string;
  generationMetadata?: Record<string, unknown>;
}

/** Everything a stage of the pipeline needs to know about the request it serves. */
export interface RequestContext {
  /** The id under which the call is stored; sent back as `x-request-id`. */
  requestId: string;
  projectId: string;
  logger: Logger;
  /** Aborted when the client leaves or the deadline passes; the reason says which. */
  signal: AbortSignal;
  startTime: number;
  /** Bytes of the request body as received: an upper bound of its text's tokens. */
  bodyBytes?: number;
  /** When the answer must have begun, epoch milliseconds: attempts, waits and fallbacks. */
  deadline: number;
  trace: TraceContext;
  /** Told how the call ended, once; the metrics count it. */
  onCallEnd?: (summary: CallSummary) => void;
  /**
   * Lifts the deadline once a stream reaches the client: from its first chunk on, a
   * flowing stream is bounded by the silence allowed between chunks, not by a clock, so
   * a long answer is never cut while it still comes.
   */
  releaseDeadline?: () => void;
}
