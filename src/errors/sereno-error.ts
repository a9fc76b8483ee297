import type { ErrorCode } from './error-codes.js';

/** The error kinds Sereno tells apart; each maps to an HTTP status and a wire type. */
export type ErrorKind =
  | 'bad_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'rate_limit'
  | 'timeout'
  | 'upstream'
  | 'overloaded'
  | 'guardrail_blocked'
  | 'client_closed'
  | 'internal';

export interface SerenoErrorOptions {
  code: ErrorCode;
  param?: string | null;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one base error. Every error that reaches a client is a SerenoError; the error
 * handler turns it into the envelope of the API the client called.
 */
export class SerenoError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly code: ErrorCode;
  readonly param: string | null;
  /** Extra response headers, such as `retry-after`. */
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, status: number, message: string, options: SerenoErrorOptions) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.status = status;
    this.code = options.code;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  /** Whether another attempt, on this or another deployment, may succeed. */
  get isRetryable(): boolean {
    return false;
  }
}

export class BadRequestError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('bad_request', 400, message, options);
  }
}

export class AuthenticationError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('authentication', 401, message, options);
  }
}

export class PermissionDeniedError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('permission', 403, message, options);
  }
}

export class NotFoundError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('not_found', 404, message, options);
  }
}

export class ConflictError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('conflict', 409, message, options);
  }
}

export class PayloadTooLargeError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('payload_too_large', 413, message, options);
  }
}

export class UnprocessableError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('unprocessable', 422, message, options);
  }
}

export class RateLimitError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('rate_limit', 429, message, options);
  }

  override get isRetryable(): boolean {
    return true;
  }
}

export class TimeoutError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('timeout', 504, message, options);
  }

  override get isRetryable(): boolean {
    return true;
  }
}

export class GuardrailBlockedError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('guardrail_blocked', 400, message, options);
  }
}

export class InternalError extends SerenoError {
  constructor(message: string, options: SerenoErrorOptions) {
    super('internal', 500, message, options);
  }
}

/** The client went away; nobody reads this error, but the trace and the log keep it. */
export class ClientClosedError extends SerenoError {
  constructor(message = 'The client closed the connection.') {
    super('client_closed', 499, message, { code: 'client_closed_request' });
  }
}
