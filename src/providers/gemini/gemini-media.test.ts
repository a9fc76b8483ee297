import { describe, expect, it } from 'vitest';
import { guessMimeType, parseDataUrl } from './gemini-media.js';

describe('guessMimeType', () => {
  it.each([
    ['https://example.com/cat.png', 'image/png'],
    ['https://example.com/photos/Cat.JPG?size=large#top', 'image/jpeg'],
    ['https://example.com/report.pdf', 'application/pdf'],
    ['https://example.com/talk.mp3', 'audio/mp3'],
    ['https://example.com/clip.mp4', 'video/mp4'],
    ['notes.txt', 'text/plain'],
    ['https://example.com/image', undefined],
    ['https://example.com/archive.zip', undefined],
  ])('should read %s as %s', (input, expected) => {
    expect(guessMimeType(input)).toBe(expected);
  });
});

describe('parseDataUrl', () => {
  it('should keep a base64 payload as it is', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      mimeType: 'image/png',
      base64: 'iVBORw0KGgo=',
    });
  });

  it('should encode a percent-encoded payload as base64', () => {
    // "hi there" in base64 is aGkgdGhlcmU=
    expect(parseDataUrl('data:text/plain;charset=utf-8,hi%20there')).toEqual({
      mimeType: 'text/plain',
      base64: 'aGkgdGhlcmU=',
    });
  });

  it('should default to text/plain as the data URL standard does', () => {
    expect(parseDataUrl('data:;base64,aGk=')?.mimeType).toBe('text/plain');
  });

  it.each([['https://example.com/a.png'], ['data:image/png;base64'], ['data:,%E0%A4%A']])(
    'should not read %s',
    (url) => {
      expect(parseDataUrl(url)).toBeUndefined();
    },
  );
});
