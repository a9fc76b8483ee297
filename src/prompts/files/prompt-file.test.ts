import { describe, expect, it } from 'vitest';
import { parsePromptFile, renderPromptFile } from './prompt-file.js';

describe('parsePromptFile', () => {
  it('should read a text prompt from Markdown front matter and body', () => {
    const text = [
      '---',
      'name: support/sysprompt',
      'config: { model: gpt-4o-mini, temperature: 0.2 }',
      'labels: [staging]',
      'tags: [support]',
      '---',
      'You help {{company}}.',
      '',
      '## Rules',
      'Be brief.',
      '',
    ].join('\n');

    expect(parsePromptFile('p/x.md', text, 'p/x')).toEqual({
      name: 'support/sysprompt',
      type: 'text',
      prompt: 'You help {{company}}.\n\n## Rules\nBe brief.',
      config: { model: 'gpt-4o-mini', temperature: 0.2 },
      labels: ['staging'],
      tags: ['support'],
      commitMessage: undefined,
    });
  });

  it('should split a Markdown chat prompt at its role and placeholder lines', () => {
    const text = [
      '---',
      'type: chat',
      '---',
      '<!-- role: system -->',
      'You help {{company}}.',
      '',
      '<!-- placeholder: history -->',
      '<!-- role: user -->',
      '{{question}}',
    ].join('\n');

    expect(parsePromptFile('support/chat.md', text, 'support/chat').prompt).toEqual([
      { type: 'chatmessage', role: 'system', content: 'You help {{company}}.' },
      { type: 'placeholder', name: 'history' },
      { type: 'chatmessage', role: 'user', content: '{{question}}' },
    ]);
  });

  it('should read a chat prompt from YAML, named after its path when it names none', () => {
    const text = 'prompt:\n  - role: system\n    content: Hi\n  - type: placeholder\n    name: h\n';

    expect(parsePromptFile('a/b.yaml', text, 'a/b')).toMatchObject({
      name: 'a/b',
      type: 'chat',
      prompt: [
        { type: 'chatmessage', role: 'system', content: 'Hi' },
        { type: 'placeholder', name: 'h' },
      ],
    });
  });

  it('should read a config given as JSON text', () => {
    const file = parsePromptFile('x.yaml', `prompt: hi\nconfig: '{"model": "m", "n": 2}'\n`, 'x');

    expect(file.config).toEqual({ model: 'm', n: 2 });
  });

  it.each([
    [
      'a config that is not valid JSON',
      'x.yaml',
      `prompt: hi\nconfig: '{"model": '\n`,
      'x.yaml: config is not valid JSON',
    ],
    [
      'a config that is a list',
      'x.yaml',
      'prompt: hi\nconfig: [1]\n',
      'x.yaml: config: config must be a mapping',
    ],
    ['YAML that does not parse', 'x.yaml', 'prompt: [unclosed\n', 'x.yaml: not valid YAML'],
    ['no prompt', 'x.yaml', 'name: x\n', 'x.yaml: no prompt'],
    [
      'chat text before any role line',
      'x.md',
      '---\ntype: chat\n---\nstray\n',
      'x.md: chat text before',
    ],
    [
      'a text type with messages',
      'x.yaml',
      'type: text\nprompt: [{role: a, content: b}]\n',
      'needs text',
    ],
  ])('should refuse %s, naming the file', (_case, path, text, message) => {
    expect(() => parsePromptFile(path, text, 'x')).toThrow(message);
  });
});

describe('renderPromptFile', () => {
  it.each([
    ['text', 'Line one\n\nLine {{two}}'],
    [
      'chat',
      [
        { type: 'chatmessage' as const, role: 'system', content: 'A\nB' },
        { type: 'placeholder' as const, name: 'history' },
      ],
    ],
  ])('should write a %s prompt that reads back the same', (type, prompt) => {
    const file = {
      name: 'team/ü prompt',
      type: type as 'text' | 'chat',
      prompt,
      config: { model: 'm' },
      labels: [],
      tags: ['t'],
    };
    const { extension, text } = renderPromptFile(file);

    expect(parsePromptFile(`x${extension}`, text, 'other')).toEqual({
      ...file,
      commitMessage: undefined,
    });
  });
});
