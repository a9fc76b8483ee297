import { BadRequestError } from '../../errors/sereno-error.js';
import type { ContentPart } from '../../wire/openai/chat-request-schema.js';
import { guessMimeType, parseDataUrl } from './gemini-media.js';
import type { GeminiPart } from './gemini-wire.js';

function unsupported(message: string, param: string): BadRequestError {
  return new BadRequestError(message, { code: 'unsupported_parameter', param });
}

/**
 * A media URL as a Gemini part: a `data:` URL is sent inline; an http(s) URL is sent as
 * `fileData`, with a MIME type guessed from its extension. Gemini fetches only URLs it is
 * able and allowed to (files from its Files API, some public URLs on recent models) and
 * answers 400 for the others; a client that needs a URL to work everywhere sends the bytes
 * as a `data:` URL instead.
 */
export function mediaUrlPart(url: string, param: string, mimeHint?: string): GeminiPart {
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url);
    if (!data) {
      throw new BadRequestError('This data: URL cannot be read.', {
        code: 'invalid_request',
        param,
      });
    }
    return { inlineData: { mimeType: data.mimeType, data: data.base64 } };
  }
  if (/^https?:\/\//i.test(url)) {
    const mimeType = mimeHint ?? guessMimeType(url);
    return { fileData: mimeType ? { mimeType, fileUri: url } : { fileUri: url } };
  }
  throw unsupported('Gemini takes media as a data: URL or an http(s) URL.', param);
}

interface FileFields {
  file_data?: unknown;
  file_id?: unknown;
  filename?: unknown;
  format?: unknown;
}

function filePart(file: FileFields, param: string): GeminiPart {
  const format = typeof file.format === 'string' ? file.format : undefined;
  const filename = typeof file.filename === 'string' ? file.filename : undefined;
  if (typeof file.file_data === 'string') {
    if (file.file_data.startsWith('data:')) return mediaUrlPart(file.file_data, param);
    // Bare base64, as some clients send it: the type comes from the format or the name.
    const mimeType = format ?? (filename ? guessMimeType(filename) : undefined);
    if (!mimeType) throw unsupported('A file sent as bare base64 needs a format.', param);
    return { inlineData: { mimeType, data: file.file_data } };
  }
  if (typeof file.file_id === 'string' && /^https?:\/\//i.test(file.file_id)) {
    return mediaUrlPart(file.file_id, param, format);
  }
  throw unsupported('Gemini takes a file as file_data or as a Gemini file URL.', param);
}

/** One OpenAI content part as a Gemini part. */
export function toGeminiPart(part: ContentPart, param: string): GeminiPart {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'refusal':
      return { text: part.refusal };
    case 'image_url':
      return mediaUrlPart(part.image_url.url, param);
    case 'input_audio':
      return {
        inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data },
      };
    case 'file':
      return filePart(part.file as FileFields, param);
  }
}

/** A message's content (a string or a list of parts) as Gemini parts. */
export function toGeminiParts(
  content: string | ContentPart[] | null | undefined,
  param: string,
): GeminiPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.map((part, index) => toGeminiPart(part, `${param}[${index}]`));
}
