import { describe, expect, it } from 'vitest';
import { messagesRequestSchema } from './messages-request-schema.js';

const valid = { model: 'claude', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] };

describe('messagesRequestSchema', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a minimal request', {}],
    ['fields it does not know', { service_tier: 'auto', mcp_servers: [] }],
    [
      'cache_control on a system block',
      {
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      },
    ],
    ['a server tool without input_schema', { tools: [{ type: 'bash_20250124', name: 'bash' }] }],
    ['a null user_id', { metadata: { user_id: null } }],
  ])('should accept %s', (_name, fields) => {
    expect(messagesRequestSchema.safeParse({ ...valid, ...fields }).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['a missing max_tokens', { max_tokens: undefined }, ['max_tokens']],
    ['a max_tokens given as text', { max_tokens: '64' }, ['max_tokens']],
    ['a max_tokens of 0', { max_tokens: 0 }, ['max_tokens']],
    ['a temperature above 1', { temperature: 1.5 }, ['temperature']],
    ['a fractional top_k', { top_k: 2.5 }, ['top_k']],
    ['no messages', { messages: [] }, ['messages']],
    [
      'a tool role in messages',
      { messages: [{ role: 'tool', content: 'x' }] },
      ['messages', 0, 'role'],
    ],
    [
      'an unknown block type',
      {
        messages: [{ role: 'user', content: [{ type: 'audio', data: 'x' }] }],
      },
      ['messages', 0, 'content'],
    ],
    [
      'a custom tool without input_schema',
      { tools: [{ name: 'get_weather' }] },
      ['tools', 0, 'input_schema'],
    ],
    ['an unknown tool_choice', { tool_choice: { type: 'sometimes' } }, ['tool_choice', 'type']],
    ['stop_sequences given as text', { stop_sequences: 'END' }, ['stop_sequences']],
  ])('should refuse %s', (_name, fields, path) => {
    const result = messagesRequestSchema.safeParse({ ...valid, ...fields });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
