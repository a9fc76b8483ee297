import { BadRequestError } from '../../errors/sereno-error.js';
import type { TokenUsage } from '../../pricing/token-usage.js';
import { countTextTokens } from '../../tokens/count-tokens.js';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../../wire/openai/embeddings-schema.js';
import { invalidResponseError } from '../upstream-error.js';
import type { GeminiBatchEmbedRequest, GeminiBatchEmbedResponse } from './gemini-wire.js';

function textInputs(input: EmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new BadRequestError('Gemini embeds text only; token arrays cannot be sent to it.', {
    code: 'unsupported_parameter',
    param: 'input',
  });
}

/** An embeddings request as a `batchEmbedContents` body: one request per input text. */
export function toGeminiEmbedRequest(
  request: EmbeddingsRequest,
  upstreamModel: string,
): GeminiBatchEmbedRequest {
  const model = `models/${upstreamModel.replace(/^models\//, '')}`;
  return {
    requests: textInputs(request.input).map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(request.dimensions ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
}

/** A vector as OpenAI sends it for `encoding_format: base64`: little-endian float32 bytes. */
export function toBase64Floats(values: number[]): string {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

function vectorsOf(provider: string, body: unknown, expected: number): number[][] {
  const embeddings = (body as GeminiBatchEmbedResponse | null)?.embeddings;
  const vectors = Array.isArray(embeddings) ? embeddings.map((item) => item?.values) : [];
  const valid =
    vectors.length === expected &&
    vectors.every((values) => Array.isArray(values) && values.every((v) => typeof v === 'number'));
  if (!valid) {
    throw invalidResponseError(
      provider,
      `batchEmbedContents must answer ${expected} embeddings of numbers`,
      JSON.stringify(body),
    );
  }
  return vectors as number[][];
}

/**
 * Input tokens of the embedded texts. Gemini's documented batchEmbedContents answer holds
 * no token count, so a `usageMetadata.promptTokenCount` is used when one comes and the
 * texts are otherwise counted with o200k: an estimate of Gemini's own tokenizer, close
 * for English text and less so for other scripts, so the price of such a call is too.
 */
function inputTokens(body: GeminiBatchEmbedResponse, texts: string[]): number {
  const reported = body.usageMetadata?.promptTokenCount;
  if (typeof reported === 'number' && reported > 0) return reported;
  return texts.reduce((sum, text) => sum + countTextTokens(text), 0);
}

/**
 * A `batchEmbedContents` answer in OpenAI's embeddings shape, base64-encoded when the
 * client asked for it (the openai npm client asks by default).
 */
export function toEmbeddingsResponse(
  provider: string,
  body: unknown,
  request: EmbeddingsRequest,
  model: string,
): { response: EmbeddingsResponse; usage: TokenUsage } {
  const texts = textInputs(request.input);
  const vectors = vectorsOf(provider, body, texts.length);
  const tokens = inputTokens(body as GeminiBatchEmbedResponse, texts);
  const base64 = request.encoding_format === 'base64';
  const response: EmbeddingsResponse = {
    object: 'list',
    data: vectors.map((values, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? toBase64Floats(values) : values,
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
  const usage: TokenUsage = {
    inputTokens: tokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
  };
  return { response, usage };
}
