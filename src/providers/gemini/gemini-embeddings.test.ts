import { describe, expect, it } from 'vitest';
import type { EmbeddingsRequest } from '../../wire/openai/embeddings-schema.js';
import { toBase64Floats, toEmbeddingsResponse, toGeminiEmbedRequest } from './gemini-embeddings.js';

const request: EmbeddingsRequest = { model: 'embedder', input: ['one', 'two'] };
const answer = { embeddings: [{ values: [0.5, -1, 2] }, { values: [0.25, 0, 1] }] };

describe('toGeminiEmbedRequest', () => {
  it('should send one request per text, naming the model', () => {
    expect(toGeminiEmbedRequest({ ...request, dimensions: 256 }, 'gemini-embedding-001')).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'one' }] },
          outputDimensionality: 256,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'two' }] },
          outputDimensionality: 256,
        },
      ],
    });
  });

  it('should send a single string as one request without a dimensionality', () => {
    expect(
      toGeminiEmbedRequest({ model: 'e', input: 'solo' }, 'models/text-embedding-004'),
    ).toEqual({
      requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'solo' }] } }],
    });
  });

  it.each([[[1, 2, 3]], [[[1, 2], [3]]]])('should refuse token arrays %j', (input) => {
    expect(() => toGeminiEmbedRequest({ model: 'e', input }, 'm')).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param: 'input' }),
    );
  });
});

describe('toBase64Floats', () => {
  it('should write little-endian float32 values', () => {
    // 1.0 is 0x3F800000, stored little-endian as 00 00 80 3F; -2.0 is 0xC0000000.
    const bytes = Buffer.from(toBase64Floats([1, -2]), 'base64');
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });
});

describe('toEmbeddingsResponse', () => {
  it('should answer in OpenAI shape with float vectors', () => {
    const { response, usage } = toEmbeddingsResponse('gemini', answer, request, 'emb-1');
    expect(response).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -1, 2] },
        { object: 'embedding', index: 1, embedding: [0.25, 0, 1] },
      ],
      model: 'emb-1',
      // Gemini sent no count: "one" and "two" are one o200k token each.
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(usage.inputTokens).toBe(2);
  });

  it('should encode the vectors when the client asks for base64', () => {
    const { response } = toEmbeddingsResponse(
      'gemini',
      answer,
      { ...request, encoding_format: 'base64' },
      'emb-1',
    );
    const decoded = new Float32Array(
      new Uint8Array(Buffer.from(response.data[0]?.embedding as string, 'base64')).buffer,
    );
    expect([...decoded]).toEqual([0.5, -1, 2]);
  });

  it('should prefer a token count Gemini sends over its own count', () => {
    const body = { ...answer, usageMetadata: { promptTokenCount: 4 } };
    const { response, usage } = toEmbeddingsResponse('gemini', body, request, 'emb-1');
    expect(response.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(usage.inputTokens).toBe(4);
  });

  it.each([
    ['too few embeddings', { embeddings: [{ values: [1] }] }],
    ['values that are not numbers', { embeddings: [{ values: ['a'] }, { values: [1] }] }],
    ['no embeddings at all', {}],
  ])('should call %s an invalid response', (_name, body) => {
    expect(() => toEmbeddingsResponse('gemini', body, request, 'm')).toThrow(
      expect.objectContaining({ code: 'upstream_invalid_response' }),
    );
  });
});
