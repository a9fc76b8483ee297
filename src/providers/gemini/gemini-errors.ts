import { ProviderError } from '../../errors/provider-error.js';
import type { ErrorBodyReader } from '../upstream-http.js';
import { tryParseJson } from '../upstream-http.js';
import type { GeminiErrorBody } from './gemini-wire.js';

type GoogleError = NonNullable<GeminiErrorBody['error']>;

/** Google's error object, from `{"error": {...}}` or the one-element list some methods send. */
export function googleErrorOf(body: unknown): GoogleError | undefined {
  const envelope = (Array.isArray(body) ? body[0] : body) as GeminiErrorBody | null | undefined;
  const error = envelope?.error;
  return error !== null && typeof error === 'object' ? error : undefined;
}

const contextLengthPatterns = [
  /exceeds the maximum number of tokens/i,
  /input token count.*exceeds/i,
  /context (length|window)/i,
  /too many tokens/i,
];

/**
 * Reads `{"error": {"code", "message", "status"}}`. A prompt over the context window and
 * an overloaded model (status UNAVAILABLE) are recognised from the body; a quota error
 * (RESOURCE_EXHAUSTED) needs nothing more, as it comes with status 429.
 */
export const readGeminiErrorBody: ErrorBodyReader = (body) => {
  const error = googleErrorOf(body);
  const text = typeof error?.message === 'string' ? error.message : undefined;
  const status = typeof error?.status === 'string' ? error.status : undefined;
  const message = status && text ? `${status}: ${text}` : (text ?? status);

  if (text && contextLengthPatterns.some((pattern) => pattern.test(text))) {
    return { message, recognised: 'context_length_exceeded' };
  }
  if (status === 'UNAVAILABLE' || /overloaded/i.test(text ?? '')) {
    return { message, recognised: 'overloaded' };
  }
  return { message };
};

function detailsOf(error: ProviderError): NonNullable<GoogleError['details']> {
  const details = googleErrorOf(tryParseJson(error.upstreamBody ?? ''))?.details;
  return Array.isArray(details) ? details : [];
}

/** Google's RetryInfo `retryDelay`, such as "23s" or "0.5s", in milliseconds. */
function retryDelayMs(error: ProviderError): number | undefined {
  for (const detail of detailsOf(error)) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay ?? '');
    if (match?.[1]) return Number(match[1]) * 1000;
  }
  return undefined;
}

/**
 * Adds what only Google's error details say to an upstream error: a key Google refused
 * (400 with reason API_KEY_INVALID) is an authentication failure, as it is with every
 * other provider; the wait of a RetryInfo detail stands in for a missing `retry-after`.
 */
export function refineGeminiError(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.upstreamStatus === undefined) return error;
  const keyRefused = detailsOf(error).some((detail) => detail.reason === 'API_KEY_INVALID');
  const retryAfterMs = error.retryAfterMs ?? retryDelayMs(error);
  if (!keyRefused && retryAfterMs === error.retryAfterMs) return error;
  return new ProviderError({
    kind: keyRefused ? 'authentication' : error.kind,
    status: keyRefused ? 401 : error.status,
    code: keyRefused ? 'upstream_authentication' : error.code,
    retryable: keyRefused ? false : error.retryable,
    message: error.message,
    provider: error.provider,
    upstreamStatus: error.upstreamStatus,
    upstreamBody: error.upstreamBody,
    retryAfterMs,
    param: error.param,
    cause: error.cause,
  });
}

/** A prompt Gemini refused to answer (`promptFeedback.blockReason`, no candidates). */
export function blockedPromptError(provider: string, blockReason: string): ProviderError {
  return new ProviderError({
    kind: 'bad_request',
    status: 400,
    code: 'content_filter',
    retryable: false,
    message: `${provider} refused the prompt with its content filter (${blockReason})`,
    provider,
  });
}
