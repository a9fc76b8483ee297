import type { FinishReason } from '../../wire/openai/chat-response.js';

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
]);

/**
 * Gemini's finish reason in OpenAI's words. A candidate that called functions finished
 * with `tool_calls` whatever Gemini says, as OpenAI clients loop on that value. Reasons
 * with no OpenAI counterpart (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, unknown ones) end
 * as `stop`.
 */
export function toFinishReason(reason: string, calledFunctions: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (contentFilterReasons.has(reason)) return 'content_filter';
  return calledFunctions ? 'tool_calls' : 'stop';
}
