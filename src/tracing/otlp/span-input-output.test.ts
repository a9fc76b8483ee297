import { describe, expect, it } from 'vitest';
import { makeSpan } from './__fixtures__/otlp-span.js';
import type { Attributes, OtlpSpanEvent } from './otlp-model.js';
import { observationInputOutput, traceInputOutput } from './span-input-output.js';

const messages = '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]';
const answer = '[{"role":"assistant","parts":[{"type":"text","content":"hello"}]}]';

function event(name: string, attributes: Attributes): OtlpSpanEvent {
  return { name, attributes };
}

describe('observationInputOutput', () => {
  it.each([
    [
      "the Langfuse SDK's JSON input and text output",
      { 'langfuse.observation.input': '{"q":1}', 'langfuse.observation.output': 'plain words' },
      [],
      { input: { q: 1 }, output: 'plain words' },
    ],
    [
      'GenAI message attributes',
      { 'gen_ai.input.messages': messages, 'gen_ai.output.messages': answer },
      [],
      { input: JSON.parse(messages), output: JSON.parse(answer) },
    ],
    [
      'system instructions as a leading system message',
      {
        'gen_ai.system_instructions': '[{"type":"text","content":"be brief"}]',
        'gen_ai.input.messages': messages,
      },
      [],
      {
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'be brief' }] },
          ...JSON.parse(messages),
        ],
        output: undefined,
      },
    ],
    [
      'the operation-details event',
      {},
      [event('gen_ai.client.inference.operation.details', { 'gen_ai.input.messages': messages })],
      { input: JSON.parse(messages), output: undefined },
    ],
    [
      'per-message events and one choice',
      {},
      [
        event('gen_ai.system.message', { content: 'be brief' }),
        event('gen_ai.user.message', { content: 'hi' }),
        event('gen_ai.choice', { index: 0, message: '{"content":"hello"}' }),
      ],
      {
        input: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
        output: { index: 0, message: { content: 'hello' } },
      },
    ],
    [
      'content events',
      {},
      [
        event('gen_ai.content.prompt', { 'gen_ai.prompt': '[{"role":"user","content":"hi"}]' }),
        event('gen_ai.content.completion', { 'gen_ai.completion': 'hello' }),
      ],
      { input: [{ role: 'user', content: 'hi' }], output: 'hello' },
    ],
    [
      'flattened prompt and completion attributes',
      {
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': 'hi',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'hello',
      },
      [],
      {
        input: [{ role: 'user', content: 'hi' }],
        output: [{ role: 'assistant', content: 'hello' }],
      },
    ],
    [
      'tool call arguments and result',
      { 'gen_ai.tool.call.arguments': '{"city":"Paris"}', 'gen_ai.tool.call.result': 'sunny' },
      [],
      { input: { city: 'Paris' }, output: 'sunny' },
    ],
    ['nothing', { 'http.method': 'GET' }, [], {}],
  ])('should read %s', (_name, attributes, events, expected) => {
    expect(observationInputOutput(makeSpan({ attributes, events }))).toEqual(expected);
  });

  it('should prefer what the Langfuse SDK set over GenAI messages', () => {
    const span = makeSpan({
      attributes: { 'langfuse.observation.input': '"mine"', 'gen_ai.input.messages': messages },
    });
    expect(observationInputOutput(span).input).toBe('mine');
  });
});

describe('traceInputOutput', () => {
  it('should read only the trace input and output the SDK set', () => {
    const attributes = {
      'langfuse.trace.input': '{"question":"why"}',
      'langfuse.observation.output': '"not for the trace"',
    };
    expect(traceInputOutput(attributes)).toEqual({ input: { question: 'why' }, output: undefined });
  });
});
