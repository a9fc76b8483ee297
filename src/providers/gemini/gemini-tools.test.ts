import { describe, expect, it } from 'vitest';
import type { Tool, ToolChoice } from '../../wire/openai/chat-request-schema.js';
import { toGeminiToolConfig, toGeminiTools } from './gemini-tools.js';

describe('toGeminiTools', () => {
  it('should declare every function in one tool with a cleaned schema', () => {
    const tools: Tool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          strict: true,
          parameters: {
            type: 'object',
            additionalProperties: false,
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      },
      {
        type: 'function',
        function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
      },
      { type: 'function', function: { name: 'ping' } },
    ];
    expect(toGeminiTools(tools)).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
          { name: 'get_time' },
          { name: 'ping' },
        ],
      },
    ]);
  });

  it('should send no tools for an empty list', () => {
    expect(toGeminiTools([])).toBeUndefined();
    expect(toGeminiTools(undefined)).toBeUndefined();
  });

  it('should name the tool whose schema cannot be sent', () => {
    const tools: Tool[] = [
      { type: 'function', function: { name: 'a' } },
      { type: 'function', function: { name: 'b', parameters: { $ref: 'https://x/y.json' } } },
    ];
    expect(() => toGeminiTools(tools)).toThrow(
      expect.objectContaining({ param: 'tools[1].function.parameters' }),
    );
  });
});

describe('toGeminiToolConfig', () => {
  it.each<[string, ToolChoice | undefined, unknown]>([
    ['auto', 'auto', { functionCallingConfig: { mode: 'AUTO' } }],
    ['none', 'none', { functionCallingConfig: { mode: 'NONE' } }],
    ['required', 'required', { functionCallingConfig: { mode: 'ANY' } }],
    [
      'a named function',
      { type: 'function', function: { name: 'get_weather' } },
      { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } },
    ],
    ['no choice', undefined, undefined],
  ])('should map %s', (_name, choice, expected) => {
    expect(toGeminiToolConfig(choice)).toEqual(expected);
  });
});
