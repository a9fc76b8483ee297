import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors/sereno-error.js';
import { messagesRequestSchema } from './messages-request-schema.js';
import { toChatRequest } from './to-chat-request.js';

const hello = [{ role: 'user', content: 'Hi' }];
const weatherTool = {
  name: 'get_weather',
  description: 'Weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};
const weatherFunction = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

function translate(fields: Record<string, unknown>, forwardTopK = false) {
  const request = messagesRequestSchema.parse({
    model: 'claude',
    max_tokens: 256,
    messages: hello,
    ...fields,
  });
  return toChatRequest(request, { forwardTopK });
}

describe('toChatRequest', () => {
  it('should carry the model, the limit and a plain user message', () => {
    expect(translate({})).toEqual({
      model: 'claude',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'a string system prompt as a system message',
      { system: 'Be brief.' },
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    [
      'system blocks as the parts of one system message, cache_control left out',
      {
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Answer in French.', cache_control: { type: 'ephemeral' } },
        ],
      },
      {
        messages: [
          {
            role: 'system',
            content: [
              { type: 'text', text: 'Be brief.' },
              { type: 'text', text: 'Answer in French.' },
            ],
          },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    [
      'output_config.format as a json_schema response_format',
      { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } },
      {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'output', schema: { type: 'object' } },
        },
      },
    ],
    ['stop_sequences as stop', { stop_sequences: ['END', '###'] }, { stop: ['END', '###'] }],
    ['metadata.user_id as user', { metadata: { user_id: 'user-42' } }, { user: 'user-42' }],
    ['stream as stream', { stream: true }, { stream: true }],
    [
      'temperature and top_p as they are',
      { temperature: 0.3, top_p: 0.9 },
      {
        temperature: 0.3,
        top_p: 0.9,
      },
    ],
    ['tools as function tools', { tools: [weatherTool] }, { tools: [weatherFunction] }],
    [
      'tool_choice auto as auto',
      { tools: [weatherTool], tool_choice: { type: 'auto' } },
      {
        tool_choice: 'auto',
      },
    ],
    [
      'tool_choice any as required',
      { tools: [weatherTool], tool_choice: { type: 'any' } },
      {
        tool_choice: 'required',
      },
    ],
    [
      'tool_choice none as none',
      { tools: [weatherTool], tool_choice: { type: 'none' } },
      {
        tool_choice: 'none',
      },
    ],
    [
      'tool_choice tool as a named function',
      { tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } },
      { tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    ],
    [
      'disable_parallel_tool_use as parallel_tool_calls false',
      { tools: [weatherTool], tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
      { tool_choice: 'auto', parallel_tool_calls: false },
    ],
  ])('should translate %s', (_name, fields, expected) => {
    expect(translate(fields)).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['top_k when an upstream may not be Anthropic', { top_k: 5 }, ['top_k']],
    [
      'tool_choice without tools, which OpenAI refuses',
      { tool_choice: { type: 'any' } },
      ['tool_choice', 'parallel_tool_calls'],
    ],
    ['an empty stop_sequences list', { stop_sequences: [] }, ['stop']],
    ['a null metadata.user_id', { metadata: { user_id: null } }, ['user', 'metadata']],
    ['an effort alone', { output_config: { effort: 'high' } }, ['response_format']],
    [
      'fields with no counterpart',
      { thinking: { type: 'enabled', budget_tokens: 1024 }, service_tier: 'auto' },
      ['thinking', 'service_tier'],
    ],
  ])('should leave out %s', (_name, fields, absent) => {
    const translated = translate(fields);
    for (const field of absent) expect(translated).not.toHaveProperty(field);
  });

  it('should forward top_k when every upstream speaks Anthropic', () => {
    expect(translate({ top_k: 5 }, true)).toMatchObject({ top_k: 5 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a server tool',
      { tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      'tools[0].type',
    ],
    [
      'a document given by URL',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', source: { type: 'url', url: 'https://a.test/x.pdf' } }],
          },
        ],
      },
      'messages[0].content[0].source',
    ],
    [
      'an image held by the Files API',
      {
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f_1' } }] },
        ],
      },
      'messages[0].content[0].source',
    ],
  ])('should refuse %s with a 400 naming the parameter', (_name, fields, param) => {
    const error = (() => {
      try {
        translate(fields);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'unsupported_parameter', param });
  });
});
