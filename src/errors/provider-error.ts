import type { ErrorCode } from './error-codes.js';
import { SerenoError, type ErrorKind } from './sereno-error.js';

export interface ProviderErrorDetails {
  kind: ErrorKind;
  status: number;
  code: ErrorCode;
  message: string;
  provider: string;
  retryable: boolean;
  /** The upstream HTTP status, when the provider answered at all. */
  upstreamStatus?: number;
  /** The upstream body, with secrets scrubbed and cut to a bounded length. */
  upstreamBody?: string;
  /** The wait the provider asked for, from `retry-after-ms` or `retry-after`. */
  retryAfterMs?: number;
  param?: string | null;
  cause?: unknown;
}

/**
 * An upstream failure kept as data: the client sees the mapped status and code, the log
 * and the trace keep the upstream status and body.
 */
export class ProviderError extends SerenoError {
  readonly provider: string;
  readonly retryable: boolean;
  readonly upstreamStatus: number | undefined;
  readonly upstreamBody: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: ProviderErrorDetails) {
    const headers: Record<string, string> = {};
    if (details.retryAfterMs !== undefined && details.status === 429) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(details.retryAfterMs / 1000)));
    }
    super(details.kind, details.status, details.message, {
      code: details.code,
      param: details.param ?? null,
      headers,
      cause: details.cause,
    });
    this.provider = details.provider;
    this.retryable = details.retryable;
    this.upstreamStatus = details.upstreamStatus;
    this.upstreamBody = details.upstreamBody;
    this.retryAfterMs = details.retryAfterMs;
  }

  override get isRetryable(): boolean {
    return this.retryable;
  }
}
