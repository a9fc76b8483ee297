import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { ChatCompletionChunk, ChunkChoice } from '../openai/chat-response.js';
import type { MessagesStreamEvent } from './messages-response.js';
import { AnthropicStreamEncoder } from './stream-encoder.js';

const usage: TokenUsage = {
  inputTokens: 30,
  cacheReadTokens: 100,
  cacheWriteTokens: 0,
  outputTokens: 7,
  reasoningTokens: 0,
};

function chunk(delta: ChunkChoice['delta'], finishReason: ChunkChoice['finish_reason'] = null) {
  const value: ChatCompletionChunk = {
    id: 'chatcmpl-xyz',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return value;
}

function toolDelta(index: number, fields: { id?: string; name?: string; args?: string }) {
  return {
    tool_calls: [
      {
        index,
        ...(fields.id ? { id: fields.id, type: 'function' as const } : {}),
        function: { ...(fields.name ? { name: fields.name } : {}), arguments: fields.args ?? '' },
      },
    ],
  };
}

function encode(chunks: ChatCompletionChunk[]) {
  const encoder = new AnthropicStreamEncoder({ model: 'claude-via-sereno' });
  const events = chunks.flatMap((each) => encoder.chunk(each));
  return [...events, ...encoder.end(usage)];
}

/** The events without `message_start`, whose body one test checks on its own. */
function afterStart(events: MessagesStreamEvent[]) {
  expect(events[0]?.type).toBe('message_start');
  return events.slice(1);
}

const start = (index: number, block: Record<string, unknown>) => ({
  type: 'content_block_start',
  index,
  content_block: block,
});
const text = (index: number, value: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text: value },
});
const json = (index: number, value: string) => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'input_json_delta', partial_json: value },
});
const stop = (index: number) => ({ type: 'content_block_stop', index });
const close = (stopReason: string) => [
  {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: {
      input_tokens: 30,
      output_tokens: 7,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 100,
    },
  },
  { type: 'message_stop' },
];

describe('AnthropicStreamEncoder', () => {
  it('should open the message with its id, the requested model and zero usage', () => {
    const [first] = encode([chunk({ role: 'assistant', content: '' })]);
    expect(first).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_chatcmpl-xyz',
        type: 'message',
        role: 'assistant',
        model: 'claude-via-sereno',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    });
  });

  it('should put input usage in message_start when the upstream reported it by then', () => {
    const encoder = new AnthropicStreamEncoder({ model: 'm' });
    const [first] = encoder.chunk(chunk({ content: 'Hi' }), usage);
    expect(first).toMatchObject({
      message: { usage: { input_tokens: 30, output_tokens: 0, cache_read_input_tokens: 100 } },
    });
  });

  it.each<[string, ChatCompletionChunk[], unknown[]]>([
    [
      'text as one text block',
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Hel' }),
        chunk({ content: 'lo' }),
        chunk({}, 'stop'),
      ],
      [
        start(0, { type: 'text', text: '' }),
        text(0, 'Hel'),
        text(0, 'lo'),
        stop(0),
        ...close('end_turn'),
      ],
    ],
    [
      'a tool call as a tool_use block with its arguments as JSON deltas',
      [
        chunk({
          role: 'assistant',
          content: null,
          ...toolDelta(0, { id: 'call_1', name: 'get_weather' }),
        }),
        chunk(toolDelta(0, { args: '{"city":' })),
        chunk(toolDelta(0, { args: '"Paris"}' })),
        chunk({}, 'tool_calls'),
      ],
      [
        start(0, { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} }),
        json(0, '{"city":'),
        json(0, '"Paris"}'),
        stop(0),
        ...close('tool_use'),
      ],
    ],
    [
      'text then two tool calls as three blocks in order',
      [
        chunk({ content: 'Checking.' }),
        chunk(toolDelta(0, { id: 'call_1', name: 'a', args: '{}' })),
        chunk(toolDelta(1, { id: 'call_2', name: 'b', args: '{"x":1}' })),
        chunk({}, 'tool_calls'),
      ],
      [
        start(0, { type: 'text', text: '' }),
        text(0, 'Checking.'),
        stop(0),
        start(1, { type: 'tool_use', id: 'call_1', name: 'a', input: {} }),
        json(1, '{}'),
        stop(1),
        start(2, { type: 'tool_use', id: 'call_2', name: 'b', input: {} }),
        json(2, '{"x":1}'),
        stop(2),
        ...close('tool_use'),
      ],
    ],
    [
      'a length finish as max_tokens',
      [chunk({ content: 'Once upon' }), chunk({}, 'length')],
      [start(0, { type: 'text', text: '' }), text(0, 'Once upon'), stop(0), ...close('max_tokens')],
    ],
    [
      "OpenAI's refusal text as text with a refusal stop",
      [chunk({ refusal: 'I cannot help.' }), chunk({}, 'stop')],
      [
        start(0, { type: 'text', text: '' }),
        text(0, 'I cannot help.'),
        stop(0),
        ...close('refusal'),
      ],
    ],
    ['an empty answer as a message without blocks', [chunk({}, 'stop')], close('end_turn')],
  ])('should encode %s', (_name, chunks, expected) => {
    expect(afterStart(encode(chunks))).toEqual(expected);
  });

  it('should send the message events even when no chunk came', () => {
    const encoder = new AnthropicStreamEncoder({ model: 'm' });
    expect(encoder.end(usage).map((event) => event.type)).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
  });

  it('should report zero output and no input counts when the upstream sent no usage', () => {
    const encoder = new AnthropicStreamEncoder({ model: 'm' });
    encoder.chunk(chunk({ content: 'Hi' }, 'stop'));
    const delta = encoder.end(undefined).find((event) => event.type === 'message_delta');
    expect(delta?.usage).toEqual({ output_tokens: 0 });
  });

  it('should read only the first choice', () => {
    const second = {
      ...chunk({ content: 'other' }),
      choices: [{ index: 1, delta: { content: 'x' }, finish_reason: null }],
    };
    expect(afterStart(encode([second, chunk({}, 'stop')]))).toEqual(close('end_turn'));
  });
});
