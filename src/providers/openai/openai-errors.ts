import type { ErrorBodyReader } from '../upstream-http.js';

interface OpenAiErrorBody {
  error?: { message?: unknown; code?: unknown; type?: unknown } | string;
  message?: unknown;
}

/** Reads `{"error": {"message", "type", "code"}}` and what it says about the failure. */
export const readOpenAiErrorBody: ErrorBodyReader = (body) => {
  const parsed = (body ?? {}) as OpenAiErrorBody;
  const error = typeof parsed.error === 'object' ? parsed.error : undefined;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : typeof parsed.error === 'string'
        ? parsed.error
        : typeof parsed.message === 'string'
          ? parsed.message
          : undefined;
  const code = typeof error?.code === 'string' ? error.code : '';
  const text = `${code} ${message ?? ''}`.toLowerCase();

  if (
    code === 'context_length_exceeded' ||
    /context length|context window|too many tokens|maximum context/.test(text)
  ) {
    return { message, recognised: 'context_length_exceeded' };
  }
  if (
    code === 'content_filter' ||
    code === 'content_policy_violation' ||
    /content management policy|content filter/.test(text)
  ) {
    return { message, recognised: 'content_filter' };
  }
  if (/overloaded/.test(text)) return { message, recognised: 'overloaded' };
  return { message };
};
