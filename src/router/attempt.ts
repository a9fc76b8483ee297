import type { Deployment } from '../models/deployment.js';

/** What one attempt gets from the router: where to go and how long it may take. */
export interface AttemptContext {
  deployment: Deployment;
  modelGroup: string;
  /** 1 for the first attempt of the request, counting across fallbacks. */
  attempt: number;
  /** Aborts when the client leaves, the request's deadline passes or this attempt times out. */
  signal: AbortSignal;
  /** Time this attempt may take: to the whole answer, or for streams to the first token. */
  timeoutMs: number;
  /** For streams: the longest silence allowed between two chunks. */
  streamIdleTimeoutMs: number | undefined;
}

/** One attempt as it ended, for the trace and the log. */
export interface AttemptReport {
  deployment: Deployment;
  modelGroup: string;
  attempt: number;
  startTime: number;
  endTime: number;
  error?: Error;
}

/** What the router asks of the request it routes. */
export interface RoutedRequest {
  modelName: string;
  /** Whether the answer streams: its attempts are timed to the first token. */
  stream: boolean;
  signal: AbortSignal;
  /** When the whole request must be over, epoch milliseconds. */
  deadline: number;
  disableFallbacks?: boolean;
  /** A cheap upper bound of the input tokens; lets the router skip counting them. */
  maxInputTokens?: () => number;
  /** The input tokens, counted; called only when a context window is close. */
  inputTokens?: () => number;
  onAttempt?: (report: AttemptReport) => void;
}

export interface RoutedResult<T> {
  value: T;
  deployment: Deployment;
  modelGroup: string;
  attempts: number;
  fallbacks: number;
}
