import type { ChatRequest, ResponseFormat } from '../../wire/openai/chat-request-schema.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { GeminiGenerationConfig } from './gemini-wire.js';

function applyResponseFormat(format: ResponseFormat | undefined, config: GeminiGenerationConfig) {
  if (!format || format.type === 'text') return;
  config.responseMimeType = 'application/json';
  if (format.type === 'json_schema' && format.json_schema.schema) {
    config.responseSchema = toGeminiSchema(
      format.json_schema.schema,
      'response_format.json_schema.schema',
    );
  }
}

/**
 * The sampling and output settings of a chat request as Gemini's `generationConfig`;
 * undefined when the request sets none. `max_completion_tokens` wins over `max_tokens`.
 * Not translated, because Gemini's generateContent has no equivalent or Sereno does not
 * map it yet: `logprobs`, `top_logprobs`, `logit_bias`, `reasoning_effort` and `user`.
 */
export function toGeminiGenerationConfig(request: ChatRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) config.maxOutputTokens = maxTokens;
  if (request.stop != null) {
    config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (request.n != null) config.candidateCount = request.n;
  if (request.seed != null) config.seed = request.seed;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  applyResponseFormat(request.response_format, config);
  return Object.keys(config).length > 0 ? config : undefined;
}
