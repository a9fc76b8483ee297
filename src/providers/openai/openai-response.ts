import type { ChatCompletion } from '../../wire/openai/chat-response.js';
import type { EmbeddingsResponse } from '../../wire/openai/embeddings-schema.js';
import { invalidResponseError } from '../upstream-error.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks the few fields Sereno relies on; the rest of the answer passes through as sent. */
export function asChatCompletion(provider: string, body: unknown): ChatCompletion {
  if (!isObject(body) || !Array.isArray(body.choices)) {
    throw invalidResponseError(
      provider,
      'a chat completion must have a choices list',
      JSON.stringify(body),
    );
  }
  for (const choice of body.choices) {
    if (!isObject(choice) || !isObject(choice.message)) {
      throw invalidResponseError(provider, 'each choice must have a message', JSON.stringify(body));
    }
  }
  const completion = body as ChatCompletion;
  completion.object = 'chat.completion';
  return completion;
}

export function asEmbeddingsResponse(provider: string, body: unknown): EmbeddingsResponse {
  if (!isObject(body) || !Array.isArray(body.data)) {
    throw invalidResponseError(
      provider,
      'an embeddings answer must have a data list',
      JSON.stringify(body),
    );
  }
  const response = body as unknown as EmbeddingsResponse;
  response.object = 'list';
  response.usage ??= { prompt_tokens: 0, total_tokens: 0 };
  return response;
}
