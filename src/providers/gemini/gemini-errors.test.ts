import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { errorFromUpstream } from '../upstream-error.js';
import { blockedPromptError, readGeminiErrorBody, refineGeminiError } from './gemini-errors.js';

function googleBody(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}

function upstreamError(status: number, body: unknown, headers: Record<string, string> = {}) {
  const bodyText = JSON.stringify(body);
  const found = readGeminiErrorBody(body, status);
  return errorFromUpstream({ provider: 'gemini', status, headers, bodyText, ...found });
}

describe('readGeminiErrorBody', () => {
  it.each([
    [
      'a prompt over the context window',
      googleBody(
        400,
        'INVALID_ARGUMENT',
        'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      ),
      'context_length_exceeded',
    ],
    [
      'an overloaded model',
      googleBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      'overloaded',
    ],
    ['a plain bad request', googleBody(400, 'INVALID_ARGUMENT', 'Invalid value'), undefined],
    ['a quota error', googleBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'), undefined],
  ])('should recognise %s', (_name, body, recognised) => {
    expect(readGeminiErrorBody(body, body.error.code).recognised).toBe(recognised);
  });

  it('should read the status and message, also from a one-element list', () => {
    const body = [googleBody(404, 'NOT_FOUND', 'models/nope is not found')];
    expect(readGeminiErrorBody(body, 404).message).toBe('NOT_FOUND: models/nope is not found');
  });

  it("should read nothing from a body that is not Google's", () => {
    expect(readGeminiErrorBody('<html>', 502)).toEqual({ message: undefined });
  });
});

describe('errors from Gemini answers', () => {
  it.each([
    [
      'a prompt over the context window',
      400,
      googleBody(
        400,
        'INVALID_ARGUMENT',
        'The input token count (9) exceeds the maximum number of tokens allowed (8).',
      ),
      { status: 400, code: 'context_length_exceeded', retryable: false },
    ],
    [
      'a quota error',
      429,
      googleBody(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'),
      { status: 429, code: 'upstream_rate_limited', retryable: true },
    ],
    [
      'an overloaded model',
      503,
      googleBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      { status: 503, code: 'upstream_overloaded', retryable: true },
    ],
    [
      'a refused key',
      400,
      googleBody(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
      ]),
      { status: 401, code: 'upstream_authentication', retryable: false, kind: 'authentication' },
    ],
  ])('should map %s', (_name, status, body, expected) => {
    const error = refineGeminiError(upstreamError(status, body));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ ...expected, upstreamStatus: status });
  });

  it('should take the wait from RetryInfo when no retry-after header came', () => {
    const body = googleBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '23s' },
    ]);
    const error = refineGeminiError(upstreamError(429, body)) as ProviderError;
    expect(error.retryAfterMs).toBe(23_000);
    expect(error.headers['retry-after']).toBe('23');
  });

  it('should prefer the retry-after header over RetryInfo', () => {
    const body = googleBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '23s' },
    ]);
    const error = refineGeminiError(upstreamError(429, body, { 'retry-after': '2' }));
    expect((error as ProviderError).retryAfterMs).toBe(2000);
  });

  it('should pass any other error through as it is', () => {
    const original = upstreamError(500, googleBody(500, 'INTERNAL', 'An internal error'));
    expect(refineGeminiError(original)).toBe(original);
    const other = new Error('boom');
    expect(refineGeminiError(other)).toBe(other);
  });
});

describe('blockedPromptError', () => {
  it('should be a content_filter bad request that is not retried', () => {
    expect(blockedPromptError('gemini', 'SAFETY')).toMatchObject({
      status: 400,
      code: 'content_filter',
      retryable: false,
    });
  });
});
