import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors/sereno-error.js';
import { chatRequestSchema } from '../../wire/openai/chat-request-schema.js';
import { anthropicDeployment } from './__fixtures__/anthropic-deployment.js';
import { toAnthropicRequest } from './anthropic-request.js';

const hello = [{ role: 'user', content: 'Hi' }];
const helloTurn = { role: 'user', content: [{ type: 'text', text: 'Hi' }] };
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};
const weatherToolOut = {
  name: 'get_weather',
  description: 'Weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

function translate(fields: Record<string, unknown>, stream = false) {
  const request = chatRequestSchema.parse({ model: 'claude', messages: hello, ...fields });
  return toAnthropicRequest(request, anthropicDeployment(), stream);
}

describe('toAnthropicRequest', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a plain user message', {}, { messages: [helloTurn] }],
    [
      'system and developer messages as system blocks, wherever they stand',
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        ],
      },
      {
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Answer in French.' },
        ],
        messages: [helloTurn],
      },
    ],
    [
      'a data: image as a base64 source and an http image as a url source',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      },
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare' },
              {
                type: 'image',
                source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
              },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      },
    ],
    [
      'an inline PDF file as a document',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
            ],
          },
        ],
      },
      {
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
              },
            ],
          },
        ],
      },
    ],
    [
      'assistant tool calls as tool_use blocks and tool results in one user turn',
      {
        messages: [
          { role: 'user', content: 'Weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [
              {
                id: 'toolu_01',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              {
                id: 'toolu_02',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_01', content: '18 C' },
          { role: 'tool', tool_call_id: 'toolu_02', content: [{ type: 'text', text: '24 C' }] },
          { role: 'user', content: 'Which is warmer?' },
        ],
      },
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: { city: 'Rome' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_01', content: '18 C' },
              {
                type: 'tool_result',
                tool_use_id: 'toolu_02',
                content: [{ type: 'text', text: '24 C' }],
              },
              { type: 'text', text: 'Which is warmer?' },
            ],
          },
        ],
      },
    ],
    [
      'consecutive user messages merged into one turn, and an empty assistant left out',
      {
        messages: [
          { role: 'user', content: 'One' },
          { role: 'assistant', content: null },
          { role: 'user', content: 'Two' },
        ],
      },
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'One' },
              { type: 'text', text: 'Two' },
            ],
          },
        ],
      },
    ],
    [
      'tool arguments that are empty as an empty input',
      {
        messages: [
          { role: 'user', content: 'Time?' },
          {
            role: 'assistant',
            content: 'Checking.',
            tool_calls: [
              { id: 'toolu_03', type: 'function', function: { name: 'now', arguments: '' } },
            ],
          },
        ],
      },
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Time?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool_use', id: 'toolu_03', name: 'now', input: {} },
            ],
          },
        ],
      },
    ],
    [
      'cache_control marks on a part and on a whole message',
      {
        messages: [
          { role: 'system', content: 'Long rules.', cache_control: { type: 'ephemeral' } },
          {
            role: 'user',
            content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }],
          },
        ],
      },
      {
        system: [{ type: 'text', text: 'Long rules.', cache_control: { type: 'ephemeral' } }],
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }],
          },
        ],
      },
    ],
    [
      'tools with an automatic choice by default',
      { tools: [weatherTool] },
      { messages: [helloTurn], tools: [weatherToolOut], tool_choice: { type: 'auto' } },
    ],
    [
      'a tool without parameters with an empty object schema',
      { tools: [{ type: 'function', function: { name: 'now' } }] },
      {
        messages: [helloTurn],
        tools: [{ name: 'now', input_schema: { type: 'object', properties: {} } }],
        tool_choice: { type: 'auto' },
      },
    ],
    [
      'tool_choice required as any',
      { tools: [weatherTool], tool_choice: 'required' },
      { messages: [helloTurn], tools: [weatherToolOut], tool_choice: { type: 'any' } },
    ],
    [
      'tool_choice none as none',
      { tools: [weatherTool], tool_choice: 'none' },
      { messages: [helloTurn], tools: [weatherToolOut], tool_choice: { type: 'none' } },
    ],
    [
      'a named function as a tool choice',
      {
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      },
      {
        messages: [helloTurn],
        tools: [weatherToolOut],
        tool_choice: { type: 'tool', name: 'get_weather' },
      },
    ],
    [
      'parallel_tool_calls false as disable_parallel_tool_use',
      { tools: [weatherTool], parallel_tool_calls: false },
      {
        messages: [helloTurn],
        tools: [weatherToolOut],
        tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      },
    ],
    ['a tool choice without tools dropped', { tool_choice: 'none' }, { messages: [helloTurn] }],
    [
      'max_completion_tokens over max_tokens',
      { max_tokens: 100, max_completion_tokens: 200 },
      { messages: [helloTurn], max_tokens: 200 },
    ],
    ['max_tokens', { max_tokens: 100 }, { messages: [helloTurn], max_tokens: 100 }],
    [
      'a stop string as one stop sequence',
      { stop: 'END' },
      { messages: [helloTurn], stop_sequences: ['END'] },
    ],
    [
      'stop strings as stop sequences',
      { stop: ['END', '###'] },
      { messages: [helloTurn], stop_sequences: ['END', '###'] },
    ],
    [
      'sampling parameters, Anthropic-only ones included',
      {
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      },
      {
        messages: [helloTurn],
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      },
    ],
    [
      'user as metadata.user_id, and no gateway metadata',
      { user: 'user-42', metadata: { trace_name: 'x' } },
      { messages: [helloTurn], metadata: { user_id: 'user-42' } },
    ],
    [
      'OpenAI-only fields dropped',
      {
        seed: 7,
        presence_penalty: 0.5,
        frequency_penalty: 0.5,
        logprobs: true,
        top_logprobs: 2,
        logit_bias: { '50256': -100 },
        reasoning_effort: 'low',
        store: true,
        n: 1,
        stream_options: { include_usage: true },
        response_format: { type: 'text' },
      },
      { messages: [helloTurn] },
    ],
  ])('should translate %s', (_name, fields, expected) => {
    const { body } = translate(fields);
    expect(body).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 4096, ...expected });
  });

  it.each([
    ['4,096 for a model that allows more', { max_output_tokens: 64000 }, 4096],
    ['the model output limit when it is lower', { max_output_tokens: 1024 }, 1024],
    ['4,096 without a known limit', {}, 4096],
  ])('should send %s when the client sets no max_tokens', (_name, prices, expected) => {
    const request = chatRequestSchema.parse({ model: 'claude', messages: hello });
    const { body } = toAnthropicRequest(request, anthropicDeployment({ prices }), false);
    expect(body.max_tokens).toBe(expected);
  });

  it('should ask for a stream when streaming', () => {
    expect(translate({}, true).body.stream).toBe(true);
    expect(translate({}, false).body.stream).toBeUndefined();
  });

  it.each([
    ['json_object', { type: 'json_object' }, { name: 'json_response', schema: { type: 'object' } }],
    [
      'json_schema',
      {
        type: 'json_schema',
        json_schema: { name: 'city', schema: { type: 'object', required: ['name'] } },
      },
      { name: 'city', schema: { type: 'object', required: ['name'] } },
    ],
  ])('should force a JSON tool for response_format %s', (_name, format, tool) => {
    const { body, jsonToolName } = translate({ response_format: format });
    expect(jsonToolName).toBe(tool.name);
    expect(body.tools).toEqual([
      expect.objectContaining({ name: tool.name, input_schema: tool.schema }),
    ]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: tool.name });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['n above 1', { n: 2 }, 'unsupported_parameter', 'n'],
    [
      'tool arguments that are not JSON',
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'f', arguments: '{city' } },
            ],
          },
        ],
      },
      'invalid_request',
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      'tool arguments that are not an object',
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '[1]' } }],
          },
        ],
      },
      'invalid_request',
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      'a legacy function message',
      { messages: [{ role: 'function', name: 'f', content: '1' }] },
      'unsupported_parameter',
      'messages[0].role',
    ],
    [
      'the legacy functions field',
      { functions: [{ name: 'f' }] },
      'unsupported_parameter',
      'functions',
    ],
    [
      'an audio part',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }],
          },
        ],
      },
      'unsupported_parameter',
      'messages[0].content[0]',
    ],
    [
      'a file that is not an inline PDF',
      { messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }] },
      'unsupported_parameter',
      'messages[0].content[0]',
    ],
    [
      'an image URL that is neither http nor data',
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'ftp://host/cat.png' } }],
          },
        ],
      },
      'invalid_request',
      'messages[0].content[0].image_url.url',
    ],
    [
      'JSON output together with tools',
      { tools: [weatherTool], response_format: { type: 'json_object' } },
      'unsupported_parameter',
      'response_format',
    ],
  ])('should refuse %s with a 400', (_name, fields, code, param) => {
    let caught: unknown;
    try {
      translate(fields);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRequestError);
    expect(caught).toMatchObject({ status: 400, code, param });
  });
});
