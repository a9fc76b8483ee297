import { describe, expect, it } from 'vitest';
import { errorFromUpstream, retryAfterInMessage } from './upstream-error.js';

describe('retryAfterInMessage', () => {
  it.each([
    ['Rate limit reached. Please try again in 46s.', 46_000],
    ['Please try again in 46.5s', 46_500],
    ['Please try again in 1m30s', 90_000],
    ['Please try again in 250ms', 250],
    ['Slow down', undefined],
  ])('should read %j', (message, expected) => {
    expect(retryAfterInMessage(429, message)).toBe(expected);
  });

  it('should read it only from a 429', () => {
    expect(retryAfterInMessage(500, 'try again in 5s')).toBeUndefined();
  });

  it('should let a Retry-After header win over the message', () => {
    const error = errorFromUpstream({
      provider: 'groq',
      status: 429,
      headers: { 'retry-after': '3' },
      bodyText: '',
      message: 'Please try again in 46s',
    });
    expect(error.retryAfterMs).toBe(3000);
  });

  it('should take the message when no header says when', () => {
    const error = errorFromUpstream({
      provider: 'groq',
      status: 429,
      headers: {},
      bodyText: '',
      message: 'Please try again in 46s',
    });
    expect(error.retryAfterMs).toBe(46_000);
    expect(error.headers['retry-after']).toBe('46');
  });
});
