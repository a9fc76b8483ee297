import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { AssistantMessage, ChatCompletion, FinishReason } from '../openai/chat-response.js';
import { toAnthropicMessage } from './from-chat-completion.js';

const usage: TokenUsage = {
  inputTokens: 20,
  cacheReadTokens: 1800,
  cacheWriteTokens: 300,
  outputTokens: 12,
  reasoningTokens: 4,
};
const options = { model: 'claude-via-sereno', provider: 'openai' };

function completion(
  message: Partial<AssistantMessage>,
  finishReason: FinishReason | null = 'stop',
): ChatCompletion {
  return {
    id: 'chatcmpl-abc',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, ...message },
        finish_reason: finishReason,
      },
    ],
  };
}

function call(id: string, name: string, args: string) {
  return { id, type: 'function' as const, function: { name, arguments: args } };
}

describe('toAnthropicMessage', () => {
  it('should answer with a message in Anthropic shape under the requested model name', () => {
    expect(toAnthropicMessage(completion({ content: 'Hi there' }), usage, options)).toEqual({
      id: 'msg_chatcmpl-abc',
      type: 'message',
      role: 'assistant',
      model: 'claude-via-sereno',
      content: [{ type: 'text', text: 'Hi there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        output_tokens: 12,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 1800,
      },
    });
  });

  it.each<[string, Partial<AssistantMessage>, FinishReason | null, string]>([
    ['stop as end_turn', { content: 'a' }, 'stop', 'end_turn'],
    ['no finish reason as end_turn', { content: 'a' }, null, 'end_turn'],
    ['length as max_tokens', { content: 'a' }, 'length', 'max_tokens'],
    ['tool_calls as tool_use', { tool_calls: [call('c', 'f', '{}')] }, 'tool_calls', 'tool_use'],
    ['content_filter as refusal', { content: '' }, 'content_filter', 'refusal'],
    ["OpenAI's refusal text as refusal", { refusal: 'I cannot help.' }, 'stop', 'refusal'],
  ])('should map %s', (_name, message, finishReason, stopReason) => {
    const translated = toAnthropicMessage(completion(message, finishReason), usage, options);
    expect(translated.stop_reason).toBe(stopReason);
  });

  it.each<[string, Partial<AssistantMessage>, unknown[]]>([
    ['no content as no blocks', { content: null }, []],
    [
      'a refusal as a text block',
      { refusal: 'I cannot help.' },
      [{ type: 'text', text: 'I cannot help.' }],
    ],
    [
      'text then tool calls with their arguments parsed',
      {
        content: 'Checking.',
        tool_calls: [call('call_1', 'get_weather', '{"city":"Paris"}'), call('call_2', 'now', '')],
      },
      [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'now', input: {} },
      ],
    ],
  ])('should write %s', (_name, message, content) => {
    expect(toAnthropicMessage(completion(message), usage, options).content).toEqual(content);
  });

  it('should keep an id that already has the msg_ prefix', () => {
    const answer = { ...completion({ content: 'a' }), id: 'msg_01Abc' };
    expect(toAnthropicMessage(answer, usage, options).id).toBe('msg_01Abc');
  });

  it.each([['{"city":'], ['[1,2]'], ['"text"']])(
    'should answer 502 when tool arguments %s are not a JSON object',
    (args) => {
      const answer = completion({ tool_calls: [call('call_1', 'f', args)] }, 'tool_calls');
      const error = (() => {
        try {
          toAnthropicMessage(answer, usage, options);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 502, code: 'upstream_invalid_response' });
    },
  );
});
