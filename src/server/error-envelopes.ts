import type { ErrorKind, SerenoError } from '../errors/sereno-error.js';

/** The three error shapes Sereno answers in, one per API family. */
export type ErrorEnvelope = 'openai' | 'anthropic' | 'langfuse';

const openAiTypes: Record<ErrorKind, string> = {
  bad_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  conflict: 'invalid_request_error',
  payload_too_large: 'invalid_request_error',
  unprocessable: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  timeout: 'timeout_error',
  upstream: 'api_error',
  overloaded: 'api_error',
  guardrail_blocked: 'invalid_request_error',
  client_closed: 'invalid_request_error',
  internal: 'api_error',
};

const anthropicTypes: Record<ErrorKind, string> = {
  bad_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  conflict: 'invalid_request_error',
  payload_too_large: 'request_too_large',
  unprocessable: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  timeout: 'timeout_error',
  upstream: 'api_error',
  overloaded: 'overloaded_error',
  guardrail_blocked: 'invalid_request_error',
  client_closed: 'invalid_request_error',
  internal: 'api_error',
};

/** `{"error": {"message", "type", "param", "code"}}`, as OpenAI's API answers. */
export function openAiErrorBody(error: SerenoError) {
  return {
    error: {
      message: error.message,
      type: openAiTypes[error.kind],
      param: error.param,
      code: error.code,
    },
  };
}

/** `{"type": "error", "error": {"type", "message"}}`, as Anthropic's API answers. */
export function anthropicErrorBody(error: SerenoError) {
  return { type: 'error', error: { type: anthropicTypes[error.kind], message: error.message } };
}

/** `{"message", "error"}`, as Langfuse's public API answers. */
export function langfuseErrorBody(error: SerenoError) {
  return { message: error.message, error: error.code };
}

export function errorBody(envelope: ErrorEnvelope, error: SerenoError): unknown {
  switch (envelope) {
    case 'anthropic':
      return anthropicErrorBody(error);
    case 'langfuse':
      return langfuseErrorBody(error);
    default:
      return openAiErrorBody(error);
  }
}

/** Which API family a path belongs to. */
export function envelopeFor(url: string): ErrorEnvelope {
  if (url.startsWith('/v1/messages') || url.startsWith('/anthropic/')) return 'anthropic';
  if (url.startsWith('/api/public')) return 'langfuse';
  return 'openai';
}
