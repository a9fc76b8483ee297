import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { toChatResult, toFinishReason, type AnswerContext } from './anthropic-response.js';

const context: AnswerContext = {
  provider: 'anthropic',
  jsonToolName: undefined,
  created: 1_767_225_600,
};

function message(content: unknown[], fields: Record<string, unknown> = {}) {
  return {
    id: 'msg_01Answer',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5 },
    ...fields,
  };
}

describe('toChatResult', () => {
  it('should join text blocks into one message in OpenAI shape', () => {
    const { response } = toChatResult(
      message([
        { type: 'text', text: 'Hello, ' },
        { type: 'text', text: 'world.' },
      ]),
      context,
    );
    expect(response).toEqual({
      id: 'msg_01Answer',
      object: 'chat.completion',
      created: 1_767_225_600,
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello, world.' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('should turn tool_use blocks into tool calls with JSON arguments', () => {
    const { response } = toChatResult(
      message(
        [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_02', name: 'get_time', input: {} },
        ],
        { stop_reason: 'tool_use' },
      ),
      context,
    );
    expect(response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'Checking.',
        tool_calls: [
          {
            id: 'toolu_01',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'toolu_02', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
    });
  });

  it('should leave thinking out of the content', () => {
    const { response } = toChatResult(
      message([
        { type: 'thinking', thinking: 'Six sevens are forty-two.', signature: 'c2lnbmF0dXJl' },
        { type: 'redacted_thinking', data: 'b3BhcXVl' },
        { type: 'text', text: '42' },
      ]),
      context,
    );
    expect(response.choices[0]?.message).toEqual({ role: 'assistant', content: '42' });
  });

  it('should give null content when there is no text', () => {
    const { response } = toChatResult(message([], { stop_reason: 'max_tokens' }), context);
    expect(response.choices[0]?.message.content).toBeNull();
    expect(response.choices[0]?.finish_reason).toBe('length');
  });

  it('should hand back the forced JSON tool input as the content', () => {
    const { response } = toChatResult(
      message(
        [{ type: 'tool_use', id: 'toolu_01', name: 'json_response', input: { name: 'Lyon' } }],
        { stop_reason: 'tool_use' },
      ),
      { ...context, jsonToolName: 'json_response' },
    );
    expect(response.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: '{"name":"Lyon"}' },
    });
    expect(response.choices[0]?.message.tool_calls).toBeUndefined();
  });

  it('should normalise usage with disjoint cache buckets and report it in OpenAI shape', () => {
    const { usage, response } = toChatResult(
      message([{ type: 'text', text: 'ok' }], {
        usage: {
          input_tokens: 3,
          cache_creation_input_tokens: 12304,
          cache_read_input_tokens: 200,
          output_tokens: 550,
        },
      }),
      context,
    );
    expect(usage).toEqual({
      inputTokens: 3,
      cacheWriteTokens: 12304,
      cacheReadTokens: 200,
      outputTokens: 550,
      reasoningTokens: 0,
    });
    // OpenAI's prompt_tokens counts every input token: 3 + 12304 + 200 = 12507.
    expect(response.usage).toMatchObject({
      prompt_tokens: 12507,
      completion_tokens: 550,
      total_tokens: 13057,
      prompt_tokens_details: { cached_tokens: 200 },
    });
  });

  it.each([
    ['no content list', { id: 'msg_1', type: 'message' }],
    ['a block without a type', message([{ text: 'hi' }])],
    ['not an object', 'Overloaded'],
  ])('should refuse an answer with %s', (_name, body) => {
    let caught: unknown;
    try {
      toChatResult(body, context);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    expect(caught).toMatchObject({ status: 502, code: 'upstream_invalid_response' });
  });
});

describe('toFinishReason', () => {
  it.each([
    ['end_turn', true, 'stop'],
    ['stop_sequence', false, 'stop'],
    ['max_tokens', false, 'length'],
    ['model_context_window_exceeded', false, 'length'],
    ['tool_use', true, 'tool_calls'],
    ['tool_use', false, 'stop'],
    ['refusal', false, 'content_filter'],
    ['pause_turn', false, 'stop'],
    [null, false, 'stop'],
  ])('should map %s (tool calls: %s) to %s', (stopReason, hasToolCalls, expected) => {
    expect(toFinishReason(stopReason, hasToolCalls)).toBe(expected);
  });
});
