import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../wire/openai/chat-request-schema.js';
import { toGeminiConversation } from './gemini-messages.js';
import { newToolCallId } from './gemini-tool-call-id.js';

const weatherCall = {
  id: 'call_weather1',
  type: 'function' as const,
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
};
const timeCall = {
  id: 'call_time1',
  type: 'function' as const,
  function: { name: 'get_time', arguments: '' },
};

describe('toGeminiConversation', () => {
  it('should move system and developer messages into systemInstruction, in order', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
    ];
    expect(toGeminiConversation(messages)).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    });
  });

  it('should send system text as the user turn when there is nothing else', () => {
    expect(toGeminiConversation([{ role: 'system', content: 'Say hi.' }])).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say hi.' }] }],
    });
  });

  it('should map the assistant to the model role and merge adjacent turns of one role', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'One' },
      { role: 'user', content: 'Two' },
      { role: 'assistant', content: 'Three' },
      { role: 'assistant', content: null },
    ];
    expect(toGeminiConversation(messages).contents).toEqual([
      { role: 'user', parts: [{ text: 'One' }, { text: 'Two' }] },
      { role: 'model', parts: [{ text: 'Three' }] },
    ]);
  });

  it('should carry parallel tool calls and their results as function parts', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather and time in Paris?' },
      { role: 'assistant', content: 'Checking.', tool_calls: [weatherCall, timeCall] },
      { role: 'tool', tool_call_id: 'call_time1', content: '14:00' },
      { role: 'tool', tool_call_id: 'call_weather1', content: [{ type: 'text', text: '18 C' }] },
    ];
    expect(toGeminiConversation(messages).contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather and time in Paris?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Checking.' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_time', response: { output: '14:00' } } },
          { functionResponse: { name: 'get_weather', response: { output: '18 C' } } },
        ],
      },
    ]);
  });

  it('should send back the thought signature carried in a tool call id', () => {
    const id = newToolCallId('c2lnbmF0dXJl');
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', tool_calls: [{ ...weatherCall, id }] },
      { role: 'tool', tool_call_id: id, content: 'sunny' },
    ];
    const model = toGeminiConversation(messages).contents[1];
    expect(model?.parts[0]).toEqual({
      functionCall: { name: 'get_weather', args: { city: 'Paris' } },
      thoughtSignature: 'c2lnbmF0dXJl',
    });
  });

  it('should answer a legacy function message with its own name', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'x' },
      { role: 'assistant', content: 'Looking it up.' },
      { role: 'function', name: 'lookup', content: '42' },
    ];
    expect(toGeminiConversation(messages).contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'lookup', response: { output: '42' } } }],
    });
  });

  it.each<[string, ChatMessage[], string]>([
    [
      'a tool result for an unknown call',
      [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'call_nobody', content: 'result' },
      ],
      'messages[1].tool_call_id',
    ],
    [
      'arguments that are not JSON',
      [
        {
          role: 'assistant',
          tool_calls: [{ ...weatherCall, function: { name: 'f', arguments: '{' } }],
        },
      ],
      'messages[0].tool_calls[0].function.arguments',
    ],
    [
      'arguments that are not an object',
      [
        {
          role: 'assistant',
          tool_calls: [{ ...weatherCall, function: { name: 'f', arguments: '[1]' } }],
        },
      ],
      'messages[0].tool_calls[0].function.arguments',
    ],
  ])('should refuse %s as invalid_request naming the field', (_name, messages, param) => {
    expect(() => toGeminiConversation(messages)).toThrow(
      expect.objectContaining({ code: 'invalid_request', param }),
    );
  });
});
