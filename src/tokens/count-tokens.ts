import { createRequire } from 'node:module';

type CountTokens = (text: string) => number;

let loadedCountTokens: CountTokens | undefined;

/**
 * The tokenizer's tables take about 70 MB of memory, and most requests never count
 * tokens (upstreams report usage), so they are loaded on first use.
 */
function countTokens(text: string): number {
  if (!loadedCountTokens) {
    const require = createRequire(import.meta.url);
    const encoding = require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens };
    loadedCountTokens = encoding.countTokens;
  }
  return loadedCountTokens(text);
}
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';

/**
 * Token counts with OpenAI's o200k tokenizer: exact for current OpenAI models, and an
 * estimate for providers whose tokenizer is not public (Anthropic, Gemini), which count
 * within a few percent of it for English text.
 */

/** Tokens OpenAI adds around each message and at the start of the answer. */
const perMessageTokens = 3;
const replyPrimingTokens = 3;
/** A detailed image costs up to about this many input tokens; counted as an upper bound. */
const perImageTokens = 765;

/**
 * Byte-pair encoding costs the square of the length of a run without whitespace: 64,000
 * such characters take seconds, so a long base64 string or a hostile prompt would stall
 * the gateway. Runs past this length are counted in slices of it.
 */
const sliceChars = 400;
/** Past this many characters, the rest of a text is estimated at the rate counted so far. */
const maxCountedChars = 500_000;

function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x2028;
}

/**
 * Tokens of a text, counted in time that grows with its length, never its square: long
 * runs without whitespace are counted slice by slice (a token may split at a slice's
 * edge: a few tokens off), and text past `maxCountedChars` at the rate of what came before.
 */
export function countTextTokens(text: string): number {
  if (text.length === 0) return 0;
  const counted = text.length > maxCountedChars ? text.slice(0, maxCountedChars) : text;
  const tokens = countBounded(counted);
  if (counted.length === text.length) return tokens;
  return Math.ceil((tokens * text.length) / counted.length);
}

function countBounded(text: string): number {
  let tokens = 0;
  let plainStart = 0;
  let runStart = -1;
  for (let index = 0; index <= text.length; index++) {
    const atBreak = index === text.length || isWhitespace(text.charCodeAt(index));
    if (!atBreak) {
      if (runStart < 0) runStart = index;
      continue;
    }
    if (runStart >= 0 && index - runStart > sliceChars) {
      tokens += countTokens(text.slice(plainStart, runStart));
      for (let start = runStart; start < index; start += sliceChars) {
        tokens += countTokens(text.slice(start, Math.min(index, start + sliceChars)));
      }
      plainStart = index;
    }
    runStart = -1;
  }
  return tokens + (plainStart < text.length ? countTokens(text.slice(plainStart)) : 0);
}

function contentText(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: '', images: 0 };
  let text = '';
  let images = 0;
  for (const part of content as { type?: string; text?: string }[]) {
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part.type === 'image_url') images += 1;
  }
  return { text, images };
}

/** The text a request sends as input: messages, tool calls, and tool definitions. */
export function inputTextOf(request: ChatRequest): {
  text: string;
  messages: number;
  images: number;
} {
  let text = request.tools ? JSON.stringify(request.tools) : '';
  let images = 0;
  for (const message of request.messages) {
    const content = contentText(message.content);
    text += content.text;
    images += content.images;
    if (message.role === 'assistant' && message.tool_calls)
      text += JSON.stringify(message.tool_calls);
  }
  return { text, messages: request.messages.length, images };
}

/** Input tokens of a chat request, counted as OpenAI counts them. */
export function countChatInputTokens(request: ChatRequest): number {
  const input = inputTextOf(request);
  return (
    countTextTokens(input.text) +
    input.messages * perMessageTokens +
    replyPrimingTokens +
    input.images * perImageTokens
  );
}

/**
 * An upper bound on input tokens without running the tokenizer: a byte-level tokenizer
 * never yields more tokens than the text has UTF-8 bytes. Lets the router skip counting
 * when every context window is far larger than the request.
 */
export function maxChatInputTokens(request: ChatRequest): number {
  const input = inputTextOf(request);
  return (
    Buffer.byteLength(input.text, 'utf8') +
    input.messages * perMessageTokens +
    replyPrimingTokens +
    input.images * perImageTokens
  );
}
