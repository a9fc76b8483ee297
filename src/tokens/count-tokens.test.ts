import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';
import { countChatInputTokens, countTextTokens, maxChatInputTokens } from './count-tokens.js';

const request = (content: string): ChatRequest => ({
  model: 'm',
  messages: [{ role: 'user', content }],
});

describe('countTextTokens', () => {
  it.each([
    ['', 0],
    ['hello', 1],
    ['Hello world', 2],
  ])('should count %j as %i tokens', (text, expected) => {
    expect(countTextTokens(text)).toBe(expected);
  });
});

describe('countChatInputTokens', () => {
  it('should add the per-message and reply overhead to the text', () => {
    // "hello" is 1 token, plus 3 for the message and 3 for the reply: 7.
    expect(countChatInputTokens(request('hello'))).toBe(7);
  });

  it('should count each image as a detailed one', () => {
    const withImage: ChatRequest = {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] }],
    };
    expect(countChatInputTokens(withImage)).toBe(765 + 3 + 3);
  });
});

describe('maxChatInputTokens', () => {
  it('should never be below the real count', () => {
    const text = 'Mixed text with numbers 12345 and ünïcödé and emoji 🎉. '.repeat(50);
    expect(maxChatInputTokens(request(text))).toBeGreaterThanOrEqual(
      countChatInputTokens(request(text)),
    );
  });
});

describe('countTextTokens on runs without whitespace', () => {
  it('should count a long run in bounded time, close to the exact count', () => {
    // 'y' × 4,000 is 1,000 tokens exactly (4 characters a token, measured).
    const started = performance.now();
    const tokens = countTextTokens('y'.repeat(4000));
    expect(tokens).toBeGreaterThanOrEqual(1000);
    expect(tokens).toBeLessThanOrEqual(1010);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('should count a hostile megabyte run without stalling', () => {
    const started = performance.now();
    const tokens = countTextTokens('a'.repeat(1_000_000));
    expect(tokens).toBeGreaterThan(100_000);
    // Unbounded, this takes minutes; the bound keeps it well under a second.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
