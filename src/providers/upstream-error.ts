import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorCode } from '../errors/error-codes.js';
import { ProviderError } from '../errors/provider-error.js';
import type { ErrorKind } from '../errors/sereno-error.js';
import { secretScrubber } from '../logging/secret-scrubber.js';
import { readRetryAfterMs } from './retry-after.js';

const maxKeptBodyLength = 4096;

/** What an adapter recognised in an error body beyond its status. */
export type RecognisedFailure = 'context_length_exceeded' | 'content_filter' | 'overloaded';

export interface UpstreamFailure {
  provider: string;
  status: number;
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** The provider's own message, read from its error body by the adapter. */
  message?: string;
  recognised?: RecognisedFailure;
}

interface Mapping {
  kind: ErrorKind;
  status: number;
  code: ErrorCode;
  retryable: boolean;
}

function mapStatus(status: number): Mapping {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return { kind: 'bad_request', status, code: 'upstream_bad_request', retryable: false };
    case 401:
      return { kind: 'authentication', status, code: 'upstream_authentication', retryable: false };
    case 403:
      return { kind: 'permission', status, code: 'upstream_permission', retryable: false };
    case 404:
      return { kind: 'not_found', status, code: 'upstream_not_found', retryable: false };
    case 408:
      return { kind: 'timeout', status: 504, code: 'upstream_timeout', retryable: true };
    case 409:
      return { kind: 'upstream', status: 409, code: 'upstream_error', retryable: true };
    case 429:
      return { kind: 'rate_limit', status, code: 'upstream_rate_limited', retryable: true };
    case 504:
      return { kind: 'timeout', status, code: 'upstream_timeout', retryable: true };
    case 529:
      return { kind: 'overloaded', status: 503, code: 'upstream_overloaded', retryable: true };
  }
  if (status >= 500) {
    const clientStatus = status === 500 || status === 502 || status === 503 ? status : 502;
    return { kind: 'upstream', status: clientStatus, code: 'upstream_error', retryable: true };
  }
  return { kind: 'bad_request', status: 400, code: 'upstream_bad_request', retryable: false };
}

function applyRecognised(mapping: Mapping, recognised: RecognisedFailure | undefined): Mapping {
  switch (recognised) {
    case 'context_length_exceeded':
      return {
        kind: 'bad_request',
        status: 400,
        code: 'context_length_exceeded',
        retryable: false,
      };
    case 'content_filter':
      return { kind: 'bad_request', status: 400, code: 'content_filter', retryable: false };
    case 'overloaded':
      return { kind: 'overloaded', status: 503, code: 'upstream_overloaded', retryable: true };
    default:
      return mapping;
  }
}

/**
 * Some providers say when to come back only in the message of a 429, as Groq's "Please
 * try again in 46.5s" or "in 1m30s" or "in 250ms"; read it when no header says it.
 */
export function retryAfterInMessage(status: number, message: string): number | undefined {
  if (status !== 429) return undefined;
  const found = /try again in\s+(?:(\d+(?:\.\d+)?)ms|(?:(\d+)m)?(\d+(?:\.\d+)?)s)/i.exec(message);
  if (!found) return undefined;
  if (found[1] !== undefined) return Number(found[1]);
  return Number(found[2] ?? 0) * 60_000 + Number(found[3]) * 1000;
}

/** Turns an upstream error answer into a ProviderError, scrubbed of secrets. */
export function errorFromUpstream(failure: UpstreamFailure): ProviderError {
  const mapping = applyRecognised(mapStatus(failure.status), failure.recognised);
  const detail = secretScrubber.scrub(failure.message ?? failure.bodyText.slice(0, 500)).trim();
  const message = `${failure.provider} answered ${failure.status}${detail ? `: ${detail}` : ''}`;
  return new ProviderError({
    ...mapping,
    message,
    provider: failure.provider,
    upstreamStatus: failure.status,
    upstreamBody: secretScrubber.scrub(failure.bodyText.slice(0, maxKeptBodyLength)),
    retryAfterMs: readRetryAfterMs(failure.headers) ?? retryAfterInMessage(failure.status, detail),
    param: mapping.code === 'context_length_exceeded' ? 'messages' : null,
  });
}

/** An answer that is not the provider's wire format: garbage, truncated JSON, a wrong shape. */
export function invalidResponseError(
  provider: string,
  detail: string,
  bodyText = '',
): ProviderError {
  return new ProviderError({
    kind: 'upstream',
    status: 502,
    code: 'upstream_invalid_response',
    retryable: true,
    message: `${provider} sent an answer that is not its wire format: ${detail}`,
    provider,
    upstreamBody: secretScrubber.scrub(bodyText.slice(0, maxKeptBodyLength)),
  });
}

/** An error the provider reported inside a stream that had already started. */
export function streamError(
  provider: string,
  detail: string,
  recognised?: RecognisedFailure,
): ProviderError {
  const base: Mapping = { kind: 'upstream', status: 502, code: 'upstream_error', retryable: true };
  const mapping = applyRecognised(base, recognised);
  return new ProviderError({
    ...mapping,
    message: `${provider} failed during the stream: ${secretScrubber.scrub(detail)}`,
    provider,
  });
}

/** The most bytes Sereno reads of one upstream answer, JSON or stream. */
export const maxAnswerBytes = 64 * 1024 * 1024;

/**
 * An upstream answer larger than `maxAnswerBytes`: read no further, so that one broken or
 * hostile upstream cannot exhaust the gateway's memory or fill its store.
 */
export class AnswerTooLargeError extends Error {
  constructor() {
    super(`the answer is larger than ${maxAnswerBytes / 1024 / 1024} MB`);
    this.name = 'AnswerTooLargeError';
  }
}
