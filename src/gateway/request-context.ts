import type { Logger } from '../logging/logger.js';

/** Who is calling and how the call may be joined to the caller's own trace. */
export interface TraceContext {
  traceId: string;
  parentObservationId?: string;
  traceName?: string;
  sessionId?: string;
  userId?: string;
  tags?: string[];
  metadata?: Record<string, unknown>;
  environment?: string;
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
  /** When the whole request must be over, epoch milliseconds. */
  deadline: number;
  trace: TraceContext;
}
