import type { ErrorCode } from '../../errors/error-codes.js';
import { ProviderError } from '../../errors/provider-error.js';
import type { ErrorKind } from '../../errors/sereno-error.js';
import { secretScrubber } from '../../logging/secret-scrubber.js';
import { streamError, type RecognisedFailure } from '../upstream-error.js';
import type { ErrorBodyReader } from '../upstream-http.js';

interface AnthropicErrorBody {
  type?: unknown;
  error?: { type?: unknown; message?: unknown } | null;
}

interface FoundError {
  type: string;
  message: string | undefined;
  recognised: RecognisedFailure | undefined;
}

// Anthropic says "prompt is too long: N tokens > M maximum" for the prompt alone, and
// "input length and `max_tokens` exceed context limit" when the answer would not fit.
const contextLengthPattern = /prompt is too long|exceed context limit|context window/i;

function findError(body: unknown, status: number): FoundError {
  const error = (body as AnthropicErrorBody | null)?.error;
  const type = typeof error?.type === 'string' ? error.type : '';
  const message = typeof error?.message === 'string' ? error.message : undefined;
  let recognised: RecognisedFailure | undefined;
  if (message && contextLengthPattern.test(message)) recognised = 'context_length_exceeded';
  else if (type === 'overloaded_error' || status === 529) recognised = 'overloaded';
  return { type, message, recognised };
}

/**
 * Reads Anthropic's `{"type": "error", "error": {"type", "message"}}`. A prompt too long
 * for the model is recognised from the message, since Anthropic sends it as a plain
 * `invalid_request_error`; overload from `overloaded_error` or the status 529.
 */
export const readAnthropicErrorBody: ErrorBodyReader = (body, status) => {
  const { message, recognised } = findError(body, status);
  return recognised ? { message, recognised } : { message };
};

interface StreamMapping {
  kind: ErrorKind;
  status: number;
  code: ErrorCode;
  retryable: boolean;
}

/** In-band error types that mean what their HTTP status would have meant. */
const streamMappings: Record<string, StreamMapping> = {
  invalid_request_error: {
    kind: 'bad_request',
    status: 400,
    code: 'upstream_bad_request',
    retryable: false,
  },
  request_too_large: {
    kind: 'bad_request',
    status: 413,
    code: 'upstream_bad_request',
    retryable: false,
  },
  authentication_error: {
    kind: 'authentication',
    status: 401,
    code: 'upstream_authentication',
    retryable: false,
  },
  permission_error: {
    kind: 'permission',
    status: 403,
    code: 'upstream_permission',
    retryable: false,
  },
  not_found_error: { kind: 'not_found', status: 404, code: 'upstream_not_found', retryable: false },
  rate_limit_error: {
    kind: 'rate_limit',
    status: 429,
    code: 'upstream_rate_limited',
    retryable: true,
  },
};

/**
 * An `error` event inside a stream that had started with 200. `overloaded_error` and a
 * prompt too long are recognised as they are in error bodies; request, credential and
 * rate-limit errors keep their meaning; anything else, `api_error` included, is an
 * upstream failure worth retrying elsewhere.
 */
export function anthropicStreamError(provider: string, event: unknown): ProviderError {
  const found = findError(event, 200);
  const detail = found.message ?? (JSON.stringify(event) || 'an unreadable error event');
  const mapping = streamMappings[found.type];
  if (found.recognised || !mapping) return streamError(provider, detail, found.recognised);
  return new ProviderError({
    ...mapping,
    message: `${provider} failed during the stream: ${secretScrubber.scrub(detail)}`,
    provider,
  });
}
