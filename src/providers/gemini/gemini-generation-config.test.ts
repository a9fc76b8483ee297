import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../wire/openai/chat-request-schema.js';
import { toGeminiGenerationConfig } from './gemini-generation-config.js';

const base: ChatRequest = { model: 'flash', messages: [{ role: 'user', content: 'Hi' }] };

describe('toGeminiGenerationConfig', () => {
  it('should send no generationConfig when the request sets nothing', () => {
    expect(toGeminiGenerationConfig(base)).toBeUndefined();
    expect(toGeminiGenerationConfig({ ...base, temperature: null, stop: null })).toBeUndefined();
  });

  it.each<[string, Partial<ChatRequest>, unknown]>([
    ['temperature', { temperature: 0.3 }, { temperature: 0.3 }],
    ['top_p', { top_p: 0.9 }, { topP: 0.9 }],
    ['max_tokens', { max_tokens: 100 }, { maxOutputTokens: 100 }],
    [
      'max_completion_tokens over max_tokens',
      { max_tokens: 100, max_completion_tokens: 250 },
      { maxOutputTokens: 250 },
    ],
    ['a stop string', { stop: 'END' }, { stopSequences: ['END'] }],
    ['a stop list', { stop: ['a', 'b'] }, { stopSequences: ['a', 'b'] }],
    ['n', { n: 2 }, { candidateCount: 2 }],
    ['seed', { seed: 7 }, { seed: 7 }],
    ['a seed of zero', { seed: 0 }, { seed: 0 }],
    [
      'the penalties',
      { presence_penalty: 0.5, frequency_penalty: -0.5 },
      { presencePenalty: 0.5, frequencyPenalty: -0.5 },
    ],
    [
      'json_object',
      { response_format: { type: 'json_object' } },
      { responseMimeType: 'application/json' },
    ],
    ['text', { response_format: { type: 'text' } }, undefined],
  ])('should map %s', (_name, fields, expected) => {
    expect(toGeminiGenerationConfig({ ...base, ...fields })).toEqual(expected);
  });

  it('should send a json_schema as the response schema, cleaned for Gemini', () => {
    const config = toGeminiGenerationConfig({
      ...base,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'answer',
          strict: true,
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: { answer: { type: 'string' } },
            required: ['answer'],
          },
        },
      },
    });
    expect(config).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { answer: { type: 'string' } },
        required: ['answer'],
      },
    });
  });
});
