import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { toChatCompletion } from './gemini-response.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

describe('toChatCompletion', () => {
  it('should answer with the text, without the thinking, and normalised usage', () => {
    const { completion, usage } = toChatCompletion(
      'gemini',
      fixture('generate-content-thinking.json'),
      'gemini-2.5-flash',
    );
    expect(completion).toMatchObject({
      id: 'chatcmpl-fixtureThinking01',
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Bonjour, comment allez-vous ?' },
          finish_reason: 'stop',
        },
      ],
    });
    // prompt 1200 of which 1024 cached: input 176, cache read 1024.
    // 9 answer tokens + 120 thinking tokens: output 129, reasoning 120.
    expect(usage).toEqual({
      inputTokens: 176,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      outputTokens: 129,
      reasoningTokens: 120,
    });
    // OpenAI's shape counts the cached tokens in the prompt: 176 + 1024 = 1200.
    expect(completion.usage).toMatchObject({
      prompt_tokens: 1200,
      completion_tokens: 129,
      total_tokens: 1329,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 120 },
    });
  });

  it('should answer function calls as tool calls that finish with tool_calls', () => {
    const { completion } = toChatCompletion(
      'gemini',
      fixture('generate-content-function-calls.json'),
      'gemini-2.5-pro',
    );
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toMatchObject([
      {
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Lyon","unit":"C"}' },
      },
      { type: 'function', function: { name: 'get_time', arguments: '{"zone":"Europe/Paris"}' } },
    ]);
    const ids = choice?.message.tool_calls?.map((call) => call.id) ?? [];
    expect(thoughtSignatureOf(ids[0] ?? '')).toBe('Zml4dHVyZS1zaWduYXR1cmUtb25l');
  });

  it('should answer one choice per candidate, each with its own finish reason', () => {
    const { completion } = toChatCompletion(
      'gemini',
      fixture('generate-content-two-candidates.json'),
      'gemini-2.0-flash',
    );
    expect(completion.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: 'Red' }, finish_reason: 'stop' },
      {
        index: 1,
        message: { role: 'assistant', content: 'Blue, green and' },
        finish_reason: 'length',
      },
      { index: 2, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' },
    ]);
  });

  it('should make a blocked prompt a content_filter error', () => {
    const call = () => toChatCompletion('gemini', fixture('generate-content-blocked.json'), 'm');
    expect(call).toThrow(ProviderError);
    expect(call).toThrow(expect.objectContaining({ code: 'content_filter', status: 400 }));
    expect(call).toThrow(/PROHIBITED_CONTENT/);
  });

  it.each([
    ['a list', []],
    ['candidates that are not a list', { candidates: 'nope' }],
    ['no candidates and no block reason', { usageMetadata: { promptTokenCount: 3 } }],
  ])('should call %s an invalid response', (_name, body) => {
    expect(() => toChatCompletion('gemini', body, 'm')).toThrow(
      expect.objectContaining({ code: 'upstream_invalid_response', status: 502 }),
    );
  });

  it('should use the deployment model when Gemini names no version', () => {
    const body = { candidates: [{ content: { parts: [{ text: 'ok' }] } }] };
    expect(toChatCompletion('gemini', body, 'gemini-pro').completion.model).toBe('gemini-pro');
  });

  it('should leave the usage to the gateway when Gemini reports none', () => {
    const body = { candidates: [{ content: { parts: [{ text: 'ok' }] } }] };
    const { completion, usage } = toChatCompletion('gemini', body, 'gemini-pro');
    expect(usage).toBeUndefined();
    expect(completion.usage).toBeUndefined();
  });
});
