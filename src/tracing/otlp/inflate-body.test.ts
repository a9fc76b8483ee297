import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBody } from './inflate-body.js';

const text = Buffer.from('{"resourceSpans":[]}');

describe('inflateBody', () => {
  it.each([
    ['no encoding', undefined, text],
    ['identity', 'identity', text],
    ['gzip', 'gzip', gzipSync(text)],
    ['gzip spelled in capitals', ' GZIP ', gzipSync(text)],
    ['deflate', 'deflate', deflateSync(text)],
  ])('should read a body with %s', async (_name, encoding, body) => {
    expect(await inflateBody(body, encoding, 1024)).toEqual(text);
  });

  it('should stop a body that inflates past the limit with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(inflateBody(bomb, 'gzip', 1024 * 1024)).rejects.toMatchObject({
      status: 413,
      code: 'body_too_large',
    });
  });

  it.each([
    ['not gzip at all', Buffer.from('plain text')],
    ['cut short', gzipSync(Buffer.alloc(4096, 'x')).subarray(0, 20)],
  ])('should answer 400 for a gzip body that is %s', async (_name, body) => {
    await expect(inflateBody(body, 'gzip', 1024 * 1024)).rejects.toMatchObject({ status: 400 });
  });

  it('should answer 415 for an encoding it cannot undo', async () => {
    await expect(inflateBody(text, 'br', 1024)).rejects.toMatchObject({ status: 415 });
  });
});
