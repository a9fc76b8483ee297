import type { IncomingHttpHeaders } from 'node:http';
import { Agent, errors, request, type Dispatcher } from 'undici';
import { ProviderError } from '../errors/provider-error.js';
import { SerenoError } from '../errors/sereno-error.js';
import { secretScrubber } from '../logging/secret-scrubber.js';
import {
  AnswerTooLargeError,
  errorFromUpstream,
  invalidResponseError,
  maxAnswerBytes,
  type RecognisedFailure,
} from './upstream-error.js';

/** One connection pool per upstream origin, shared by every provider. */
const sharedAgent = new Agent({
  connections: 512,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
  connect: { timeout: 10_000 },
});

export interface UpstreamRequest {
  provider: string;
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Longest wait for the response headers. */
  timeoutMs: number;
  /** Longest silence between two body chunks; defaults to `timeoutMs`. */
  idleTimeoutMs?: number;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
}

/** Reads the message an adapter finds in a provider's error body. */
export type ErrorBodyReader = (
  body: unknown,
  status: number,
) => { message?: string; recognised?: RecognisedFailure };

const maxErrorBodyBytes = 64 * 1024;

/**
 * Sends one request upstream and returns the response once its status is a success.
 * An error status, a timeout or a broken connection is thrown as a ProviderError; an
 * abort is thrown as the reason the caller gave its signal. Nothing here retries.
 */
export async function sendUpstream(
  upstream: UpstreamRequest,
  readErrorBody: ErrorBodyReader,
): Promise<UpstreamResponse> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(upstream.url, {
      dispatcher: sharedAgent,
      method: upstream.method ?? 'POST',
      headers: upstream.headers,
      body: upstream.body,
      signal: upstream.signal,
      headersTimeout: upstream.timeoutMs,
      bodyTimeout: upstream.idleTimeoutMs ?? upstream.timeoutMs,
    });
  } catch (error) {
    throw toProviderError(upstream.provider, error, upstream.signal);
  }

  if (response.statusCode >= 200 && response.statusCode < 300) {
    return { status: response.statusCode, headers: response.headers, body: response.body };
  }

  const bodyText = await readLimitedText(response.body, upstream, maxErrorBodyBytes);
  const found = readErrorBody(tryParseJson(bodyText), response.statusCode);
  throw errorFromUpstream({
    provider: upstream.provider,
    status: response.statusCode,
    headers: response.headers,
    bodyText,
    message: found.message,
    recognised: found.recognised,
  });
}

/** Reads a whole success body as JSON; anything else is an invalid-response error. */
export async function readJsonBody(
  response: UpstreamResponse,
  upstream: UpstreamRequest,
): Promise<unknown> {
  const text = await readLimitedText(response.body, upstream, maxAnswerBytes, true);
  const parsed = tryParseJson(text);
  if (parsed === undefined) {
    throw invalidResponseError(upstream.provider, 'the body is not JSON', text);
  }
  return parsed;
}

/**
 * Reads a body as text, keeping at most `limitBytes`: the rest is read and dropped, or,
 * with `refuseLarger`, the body is abandoned and AnswerTooLargeError thrown.
 */
async function readLimitedText(
  body: UpstreamResponse['body'],
  upstream: UpstreamRequest,
  limitBytes: number,
  refuseLarger = false,
): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      if (length < limitBytes) chunks.push(buffer);
      length += buffer.length;
      if (refuseLarger && length > limitBytes) {
        body.destroy();
        throw new AnswerTooLargeError();
      }
    }
  } catch (error) {
    throw toProviderError(upstream.provider, error, upstream.signal);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'HPE_INVALID_CONSTANT',
]);

/**
 * Maps what undici throws to the error the router acts on. An aborted signal wins over
 * everything: its reason says whether the client left or the deadline passed.
 */
export function toProviderError(provider: string, error: unknown, signal: AbortSignal): Error {
  if (signal.aborted && signal.reason instanceof SerenoError) return signal.reason;
  if (error instanceof ProviderError || error instanceof SerenoError) return error;
  if (error instanceof AnswerTooLargeError) return invalidResponseError(provider, error.message);

  const code = (error as { code?: string } | null)?.code ?? '';
  const detail = secretScrubber.scrub(error instanceof Error ? error.message : String(error));
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  ) {
    return new ProviderError({
      kind: 'timeout',
      status: 504,
      code: 'upstream_timeout',
      retryable: true,
      message: `${provider} did not answer in time (${detail})`,
      provider,
      cause: error,
    });
  }
  if (connectionCodes.has(code) || error instanceof errors.SocketError || code.startsWith('HPE_')) {
    return new ProviderError({
      kind: 'upstream',
      status: 502,
      code: 'upstream_connection_error',
      retryable: true,
      message: `${provider} could not be reached or dropped the connection (${detail})`,
      provider,
      cause: error,
    });
  }
  return new ProviderError({
    kind: 'upstream',
    status: 502,
    code: 'upstream_connection_error',
    retryable: true,
    message: `${provider} request failed (${detail})`,
    provider,
    cause: error,
  });
}
