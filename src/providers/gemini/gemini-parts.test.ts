import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors/sereno-error.js';
import type { ContentPart } from '../../wire/openai/chat-request-schema.js';
import { toGeminiPart, toGeminiParts } from './gemini-parts.js';

const param = 'messages[0].content[0]';

describe('toGeminiPart', () => {
  it.each<[string, ContentPart, unknown]>([
    ['text', { type: 'text', text: 'Hello' }, { text: 'Hello' }],
    ['a refusal', { type: 'refusal', refusal: 'No.' }, { text: 'No.' }],
    [
      'an image as a data: URL',
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
    ],
    [
      'an image URL',
      { type: 'image_url', image_url: { url: 'https://example.com/cat.webp' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp' } },
    ],
    [
      'an image URL without an extension',
      { type: 'image_url', image_url: { url: 'https://example.com/render?id=4' } },
      { fileData: { fileUri: 'https://example.com/render?id=4' } },
    ],
    [
      'audio',
      { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
    ],
    [
      'a file as a data: URL',
      { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ],
    [
      'a file as bare base64 with a name',
      { type: 'file', file: { file_data: 'JVBERi0=', filename: 'report.pdf' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ],
    [
      'a file by its Gemini URL',
      {
        type: 'file',
        file: {
          file_id: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
          format: 'application/pdf',
        },
      },
      {
        fileData: {
          mimeType: 'application/pdf',
          fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
        },
      },
    ],
  ])('should translate %s', (_name, part, expected) => {
    expect(toGeminiPart(part, param)).toEqual(expected);
  });

  it.each<[string, ContentPart, string]>([
    [
      'an image on another scheme',
      { type: 'image_url', image_url: { url: 'ftp://example.com/a.png' } },
      'unsupported_parameter',
    ],
    [
      'a broken data: URL',
      { type: 'image_url', image_url: { url: 'data:image/png;base64' } },
      'invalid_request',
    ],
    [
      'a file by an OpenAI file id',
      { type: 'file', file: { file_id: 'file-abc' } },
      'unsupported_parameter',
    ],
    [
      'bare base64 of unknown type',
      { type: 'file', file: { file_data: 'AAAA' } },
      'unsupported_parameter',
    ],
  ])('should refuse %s as a bad request naming the part', (_name, part, code) => {
    const error = (() => {
      try {
        toGeminiPart(part, param);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code, param });
  });
});

describe('toGeminiParts', () => {
  it('should turn a string into one text part and an empty one into none', () => {
    expect(toGeminiParts('Hi', 'messages[0].content')).toEqual([{ text: 'Hi' }]);
    expect(toGeminiParts('', 'messages[0].content')).toEqual([]);
    expect(toGeminiParts(null, 'messages[0].content')).toEqual([]);
  });

  it('should name each part by its index in an error', () => {
    const parts: ContentPart[] = [
      { type: 'text', text: 'look' },
      { type: 'image_url', image_url: { url: 'ftp://x/y.png' } },
    ];
    expect(() => toGeminiParts(parts, 'messages[3].content')).toThrow(
      expect.objectContaining({ param: 'messages[3].content[1]' }),
    );
  });
});
