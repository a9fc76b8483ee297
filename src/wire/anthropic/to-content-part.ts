import { BadRequestError } from '../../errors/sereno-error.js';
import type { ContentPart } from '../openai/chat-request-schema.js';
import type {
  DocumentBlockParam,
  ImageBlockParam,
  TextBlockParam,
} from './messages-request-schema.js';

type TextPart = Extract<ContentPart, { type: 'text' }>;

/** A block the user may send: text, an image, or a document. */
export type UserContentBlock = TextBlockParam | ImageBlockParam | DocumentBlockParam;

export function textPart(text: string): TextPart {
  return { type: 'text', text };
}

/**
 * One Anthropic content block as an OpenAI content part: text as text, an image as an
 * `image_url` (a `data:` URL for base64), a base64 PDF document as a `file` part with a
 * `data:` URL (OpenAI's way of sending a PDF inline), a plain-text document as text.
 *
 * Throws a 400 for what has no OpenAI counterpart: images and documents held by
 * Anthropic's Files API (`file` sources), documents given by URL or as content blocks.
 */
export function toContentPart(block: UserContentBlock, param: string): ContentPart {
  switch (block.type) {
    case 'text':
      return textPart(block.text);
    case 'image':
      return fromImage(block, param);
    case 'document':
      return fromDocument(block, param);
  }
}

function fromImage(block: ImageBlockParam, param: string): ContentPart {
  const { source } = block;
  if (source.type === 'file') {
    throw unsupported(
      'Images with a `file` source are not supported: Sereno has no access to the ' +
        'Files API. Send the image as a `base64` or `url` source.',
      `${param}.source`,
    );
  }
  const url =
    source.type === 'base64' ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: 'image_url', image_url: { url } };
}

function fromDocument(block: DocumentBlockParam, param: string): ContentPart {
  const { source } = block;
  if (typeof source.data === 'string') {
    if (source.type === 'base64' && source.media_type === 'application/pdf') {
      const file = {
        filename: block.title ?? 'document.pdf',
        file_data: `data:application/pdf;base64,${source.data}`,
      };
      return { type: 'file', file };
    }
    if (source.type === 'text') return textPart(source.data);
  }
  throw unsupported(
    'A `document` block must have a base64 PDF source or a plain-text source: Sereno ' +
      'sends the request in an OpenAI-shaped form, which has no URL, file or content-block ' +
      'documents. Send the document inline, or its text in a `text` block.',
    `${param}.source`,
  );
}

function unsupported(message: string, param: string): BadRequestError {
  return new BadRequestError(message, { code: 'unsupported_parameter', param });
}
