import type { Deployment } from '../models/deployment.js';

/** What one attempt gets from the router: where to go and how long it may take. */
export interface AttemptContext {
  deployment: Deployment;
  modelGroup: string;
  /** 1 for the first attempt of the request, counting across fallbacks. */
  attempt: number;
  signal: AbortSignal;
  timeoutMs: number;
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
  signal: AbortSignal;
  /** When the whole request must be over, epoch milliseconds. */
  deadline: number;
  disableFallbacks?: boolean;
  onAttempt?: (report: AttemptReport) => void;
}

export interface RoutedResult<T> {
  value: T;
  deployment: Deployment;
  modelGroup: string;
  attempts: number;
  fallbacks: number;
}
