import { describe, expect, it } from 'vitest';
import { SecretScrubber } from './secret-scrubber.js';

describe('SecretScrubber', () => {
  it('should remove a registered value wherever it appears', () => {
    const scrubber = new SecretScrubber();
    scrubber.register('my-provider-secret-123');
    expect(scrubber.scrub('key my-provider-secret-123 and my-provider-secret-123')).toBe(
      'key [REDACTED] and [REDACTED]',
    );
  });

  it.each([
    ['an OpenAI key', 'Incorrect API key provided: sk-proj-abcdefghijklmnop1234', 'sk-proj'],
    ['a Google key', 'bad key AIzaSyA1234567890abcdefghijklmnopqrstuv', 'AIza'],
    ['a bearer header', 'authorization: Bearer abc.def.ghi-jkl', 'abc.def'],
    ['a key in a URL', 'GET /v1beta/models/x:generateContent?alt=sse&key=secret123', 'secret123'],
  ])('should remove %s found by its shape', (_name, text, leaked) => {
    expect(new SecretScrubber().scrub(text)).not.toContain(leaked);
  });

  it('should keep the query parameter name when it removes its value', () => {
    expect(new SecretScrubber().scrub('/path?key=abc&alt=sse')).toBe(
      '/path?key=[REDACTED]&alt=sse',
    );
  });

  it('should ignore values too short to be secrets', () => {
    const scrubber = new SecretScrubber();
    scrubber.register('abc');
    expect(scrubber.scrub('abc')).toBe('abc');
  });
});
