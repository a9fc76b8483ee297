import { BadRequestError } from '../../errors/sereno-error.js';
import type { ContentPart } from '../../wire/openai/chat-request-schema.js';

/** Anthropic's prompt-caching marker, passed through as the client wrote it. */
export type AnthropicCacheControl = Record<string, unknown>;

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicMediaSource =
  { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };

export interface AnthropicImageBlock {
  type: 'image';
  source: AnthropicMediaSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicDocumentBlock {
  type: 'document';
  source: AnthropicMediaSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | AnthropicTextBlock[];
  cache_control?: AnthropicCacheControl;
}

/** A content block of a request message, as far as Sereno writes them. */
export type AnthropicBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock;

const dataUrlPattern = /^data:([\w.+-]+\/[\w.+-]+)(?:;[\w-]+=[^;,]*)*;base64,([\s\S]*)$/;

/**
 * Copies the `cache_control` a client put on an OpenAI content part or message, the way
 * LiteLLM users mark prompt-cache breakpoints for Anthropic models.
 */
export function withCacheControl<T extends object>(block: T, source: object): T {
  const marker = (source as { cache_control?: unknown }).cache_control;
  if (marker === null || typeof marker !== 'object' || Array.isArray(marker)) return block;
  return { ...block, cache_control: marker as AnthropicCacheControl };
}

/**
 * Reads an image or file reference: a base64 `data:` URL becomes inline data, an http(s)
 * URL is left for Anthropic to fetch. Any other URL is refused here, since Anthropic
 * would refuse it with a vaguer message.
 */
export function toMediaSource(url: string, param: string): AnthropicMediaSource {
  const data = dataUrlPattern.exec(url);
  if (data) return { type: 'base64', media_type: data[1] as string, data: data[2] as string };
  if (/^https?:\/\//i.test(url)) return { type: 'url', url };
  throw new BadRequestError(
    'An image URL must be an http(s) URL or a base64 data: URL for Anthropic models.',
    { code: 'invalid_request', param },
  );
}

function unsupportedPart(kind: string, param: string): BadRequestError {
  return new BadRequestError(`Anthropic models do not accept ${kind} content parts.`, {
    code: 'unsupported_parameter',
    param,
  });
}

/**
 * One OpenAI content part as an Anthropic block. A `file` part is sent as a PDF document
 * when it carries the file inline as a PDF data URL; uploaded file ids, other file types
 * and audio have no Anthropic equivalent and are refused rather than silently dropped.
 */
export function toContentBlock(part: ContentPart, param: string): AnthropicBlock {
  switch (part.type) {
    case 'text':
      return withCacheControl({ type: 'text', text: part.text }, part);
    case 'image_url':
      return withCacheControl(
        { type: 'image', source: toMediaSource(part.image_url.url, `${param}.image_url.url`) },
        part,
      );
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'file':
      return withCacheControl(toDocumentBlock(part.file, param), part);
    case 'input_audio':
      throw unsupportedPart('input_audio', param);
  }
}

function toDocumentBlock(file: Record<string, unknown>, param: string): AnthropicDocumentBlock {
  const data = typeof file.file_data === 'string' ? file.file_data : '';
  const source = dataUrlPattern.test(data) ? toMediaSource(data, `${param}.file.file_data`) : null;
  if (source?.type !== 'base64' || source.media_type !== 'application/pdf') {
    throw unsupportedPart('file (other than an inline PDF data URL)', param);
  }
  return { type: 'document', source };
}

/** Text content, a string or text parts, as the text blocks Anthropic takes. */
export function toTextBlocks(content: string | { text: string }[]): AnthropicTextBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part) => withCacheControl({ type: 'text', text: part.text }, part));
}
