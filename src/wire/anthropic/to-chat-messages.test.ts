import { describe, expect, it } from 'vitest';
import { messageParamSchema } from './messages-request-schema.js';
import { toChatMessages } from './to-chat-messages.js';

const pngData = 'iVBORw0KGgo=';
const pdfData = 'JVBERi0xLjQK';

function translate(messages: unknown[]) {
  return toChatMessages(messages.map((message) => messageParamSchema.parse(message)));
}

describe('toChatMessages', () => {
  it.each<[string, unknown[], unknown[]]>([
    [
      'text and images as the parts of a user message',
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pngData } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${pngData}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    ],
    [
      'a system message among the turns where it stands',
      [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
      ],
      [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: [{ type: 'text', text: 'Now answer in French.' }] },
      ],
    ],
    [
      'a base64 PDF as a file part and a text document as text',
      [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              title: 'report.pdf',
              source: { type: 'base64', media_type: 'application/pdf', data: pdfData },
            },
            {
              type: 'document',
              source: { type: 'text', media_type: 'text/plain', data: 'The sky is blue.' },
            },
          ],
        },
      ],
      [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${pdfData}` },
            },
            { type: 'text', text: 'The sky is blue.' },
          ],
        },
      ],
    ],
    [
      'assistant tool_use blocks as tool calls, thinking dropped',
      [
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'The user wants weather.', signature: 'c2ln' },
            { type: 'redacted_thinking', data: 'b3BhcXVl' },
            { type: 'text', text: 'Let me look.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
      ],
      [
        {
          role: 'assistant',
          content: 'Let me look.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'toolu_2',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
      ],
    ],
    [
      'an assistant turn of tool calls only with null content',
      [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }],
      [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
      ],
    ],
    [
      'several text blocks as parts, their boundaries kept',
      [
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'One.' },
            { type: 'text', text: 'Two.' },
          ],
        },
      ],
      [
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'One.' },
            { type: 'text', text: 'Two.' },
          ],
        },
      ],
    ],
    [
      'tool results as tool messages in order, then the rest of the turn',
      [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18 C' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [{ type: 'text', text: '21 C' }],
            },
            { type: 'text', text: 'Which is warmer?' },
          ],
        },
      ],
      [
        { role: 'tool', tool_call_id: 'toolu_1', content: '18 C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: '21 C' },
        { role: 'user', content: [{ type: 'text', text: 'Which is warmer?' }] },
      ],
    ],
    [
      'an error result marked as one, and an empty result as empty text',
      [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: 'city unknown',
              is_error: true,
            },
            { type: 'tool_result', tool_use_id: 'toolu_2' },
          ],
        },
      ],
      [
        {
          role: 'tool',
          tool_call_id: 'toolu_1',
          content: [
            { type: 'text', text: 'Error:' },
            { type: 'text', text: 'city unknown' },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_2', content: '' },
      ],
    ],
    [
      "a result's image in a user message after the tool messages",
      [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [
                { type: 'text', text: 'Screenshot taken.' },
                {
                  type: 'image',
                  source: { type: 'base64', media_type: 'image/png', data: pngData },
                },
              ],
            },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'ok' },
          ],
        },
      ],
      [
        { role: 'tool', tool_call_id: 'toolu_1', content: 'Screenshot taken.' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'ok' },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${pngData}` } }],
        },
      ],
    ],
  ])('should translate %s', (_name, messages, expected) => {
    expect(translate(messages)).toEqual(expected);
  });
});
