import { randomUUID } from 'node:crypto';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type {
  AssistantMessage,
  ChatChoice,
  ChatCompletion,
} from '../../wire/openai/chat-response.js';
import { toOpenAiUsage } from '../../wire/openai/openai-usage.js';
import { invalidResponseError } from '../upstream-error.js';
import { readCandidate } from './gemini-candidate.js';
import { blockedPromptError } from './gemini-errors.js';
import { toFinishReason } from './gemini-finish-reason.js';
import { fromGeminiUsage } from './gemini-usage.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-wire.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks the shape of a generateContent answer (a whole one, or one stream event): an
 * object whose candidates, when present, are a list of objects.
 */
export function asGeminiResponse(provider: string, body: unknown): GeminiResponse {
  const valid =
    isObject(body) &&
    (body.candidates === undefined ||
      (Array.isArray(body.candidates) && body.candidates.every(isObject)));
  if (!valid) {
    throw invalidResponseError(
      provider,
      'a generateContent answer must be an object with a list of candidates',
      JSON.stringify(body),
    );
  }
  return body as GeminiResponse;
}

/** The chat completion id for a Gemini answer: its response id when it gave one. */
export function completionId(response: GeminiResponse): string {
  return `chatcmpl-${response.responseId ?? randomUUID()}`;
}

function toChoice(candidate: GeminiCandidate, position: number): ChatChoice {
  const { text, toolCalls } = readCandidate(candidate);
  const message: AssistantMessage = { role: 'assistant', content: text ?? null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    index: candidate.index ?? position,
    message,
    // A whole answer has finished even when Gemini leaves the reason out.
    finish_reason: toFinishReason(candidate.finishReason ?? 'STOP', toolCalls.length > 0),
  };
}

/**
 * A generateContent answer as a chat completion and its usage, undefined when Gemini sent
 * no `usageMetadata` (the gateway then counts it). A prompt Gemini blocked (a block
 * reason and no candidates) is a content_filter error, not an empty answer.
 */
export function toChatCompletion(
  provider: string,
  body: unknown,
  model: string,
): { completion: ChatCompletion; usage: TokenUsage | undefined } {
  const response = asGeminiResponse(provider, body);
  const candidates = response.candidates ?? [];
  if (candidates.length === 0) {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason) throw blockedPromptError(provider, blockReason);
    throw invalidResponseError(provider, 'the answer has no candidates', JSON.stringify(body));
  }

  const usage = response.usageMetadata ? fromGeminiUsage(response.usageMetadata) : undefined;
  const completion: ChatCompletion = {
    id: completionId(response),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? model,
    choices: candidates.map(toChoice),
  };
  if (usage) completion.usage = toOpenAiUsage(usage);
  return { completion, usage };
}
