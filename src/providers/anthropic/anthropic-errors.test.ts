import { describe, expect, it } from 'vitest';
import { errorFromUpstream } from '../upstream-error.js';
import { anthropicStreamError, readAnthropicErrorBody } from './anthropic-errors.js';

function errorBody(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

describe('readAnthropicErrorBody', () => {
  it.each([
    [
      'a prompt too long',
      400,
      errorBody('invalid_request_error', 'prompt is too long: 210443 tokens > 200000 maximum'),
      'context_length_exceeded',
    ],
    [
      'an answer that would not fit',
      400,
      errorBody(
        'invalid_request_error',
        'input length and `max_tokens` exceed context limit: 190000 + 21333 > 200000',
      ),
      'context_length_exceeded',
    ],
    ['overloaded_error', 529, errorBody('overloaded_error', 'Overloaded'), 'overloaded'],
    ['a 529 without a readable body', 529, undefined, 'overloaded'],
    [
      'a plain invalid request',
      400,
      errorBody('invalid_request_error', 'max_tokens: Field required'),
      undefined,
    ],
    [
      'a rate limit',
      429,
      errorBody(
        'rate_limit_error',
        'Number of request tokens has exceeded your per-minute rate limit',
      ),
      undefined,
    ],
  ])('should read %s', (_name, status, body, recognised) => {
    const found = readAnthropicErrorBody(body, status);
    expect(found.recognised).toBe(recognised);
    expect(found.message).toBe(body?.error.message);
  });

  it('should let a prompt too long reach the client as 400 context_length_exceeded', () => {
    const body = errorBody(
      'invalid_request_error',
      'prompt is too long: 210443 tokens > 200000 maximum',
    );
    const found = readAnthropicErrorBody(body, 400);
    const error = errorFromUpstream({
      provider: 'anthropic',
      status: 400,
      headers: {},
      bodyText: JSON.stringify(body),
      ...found,
    });
    expect(error).toMatchObject({
      status: 400,
      code: 'context_length_exceeded',
      param: 'messages',
    });
  });
});

describe('anthropicStreamError', () => {
  it.each([
    ['overloaded_error', 'Overloaded', 503, 'upstream_overloaded', true],
    ['api_error', 'Internal server error', 502, 'upstream_error', true],
    ['rate_limit_error', 'Slow down', 429, 'upstream_rate_limited', true],
    [
      'invalid_request_error',
      'prompt is too long: 9 tokens > 8 maximum',
      400,
      'context_length_exceeded',
      false,
    ],
    ['invalid_request_error', 'messages: roles must alternate', 400, 'upstream_bad_request', false],
    ['authentication_error', 'invalid x-api-key', 401, 'upstream_authentication', false],
    ['some_new_error', 'Something new', 502, 'upstream_error', true],
  ])('should map an in-band %s (%s)', (type, message, status, code, retryable) => {
    const error = anthropicStreamError('anthropic', errorBody(type, message));
    expect(error).toMatchObject({ status, code, retryable, provider: 'anthropic' });
    expect(error.message).toContain(message);
  });

  it('should still fail on an error event it cannot read', () => {
    const error = anthropicStreamError('anthropic', { type: 'error' });
    expect(error).toMatchObject({ status: 502, code: 'upstream_error' });
    expect(error.message).toContain('{"type":"error"}');
  });
});
