import { describe, expect, it } from 'vitest';
import { readCandidate } from './gemini-candidate.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';

describe('readCandidate', () => {
  it('should join the text parts and leave the thought parts out', () => {
    const output = readCandidate({
      content: {
        role: 'model',
        parts: [
          { text: 'Let me think about Paris...', thought: true },
          { text: 'Paris is ' },
          { text: 'sunny.' },
        ],
      },
    });
    expect(output).toEqual({ text: 'Paris is sunny.', toolCalls: [] });
  });

  it('should turn function calls into tool calls with fresh ids and JSON arguments', () => {
    const output = readCandidate({
      content: {
        parts: [
          {
            functionCall: { name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'c2ln',
          },
          { functionCall: { name: 'get_time' } },
        ],
      },
    });
    expect(output.text).toBeUndefined();
    expect(output.toolCalls).toMatchObject([
      { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
    const [first, second] = output.toolCalls;
    expect(first?.id).not.toBe(second?.id);
    expect(thoughtSignatureOf(first?.id ?? '')).toBe('c2ln');
    expect(thoughtSignatureOf(second?.id ?? '')).toBeUndefined();
  });

  it('should read a candidate with no content as empty', () => {
    expect(readCandidate({ finishReason: 'SAFETY' })).toEqual({ text: undefined, toolCalls: [] });
  });
});
