import { describe, expect, it } from 'vitest';
import { toGeminiRequest } from './gemini-request.js';

describe('toGeminiRequest', () => {
  it('should put each translated piece in its place and nothing else', () => {
    const body = toGeminiRequest({
      model: 'flash',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      tool_choice: 'required',
      temperature: 0.2,
      stream: true,
      user: 'user-1',
      metadata: { trace: 'x' },
      some_unknown_field: 1,
    });
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }],
      tools: [{ functionDeclarations: [{ name: 'get_weather' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      generationConfig: { temperature: 0.2 },
    });
  });

  it('should send only contents for a bare request', () => {
    expect(
      toGeminiRequest({ model: 'flash', messages: [{ role: 'user', content: 'Hi' }] }),
    ).toEqual({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  });
});
