import { describe, expect, it } from 'vitest';
import { compileChat, compileText, MissingPromptInputsError } from './compile-prompt.js';
import type { ChatItem } from './prompt-model.js';

const chat: ChatItem[] = [
  { type: 'chatmessage', role: 'system', content: 'You help {{company}} customers.' },
  { type: 'placeholder', name: 'history' },
  { type: 'chatmessage', role: 'user', content: '{{question}}' },
];

describe('compileText', () => {
  it('should fill every variable', () => {
    expect(compileText('Hi {{name}}', { variables: { name: 'Ada' } })).toBe('Hi Ada');
  });

  it('should name every missing variable in one error', () => {
    const compile = () => compileText('{{a}} {{b}} {{c}}', { variables: { b: 1 } });

    expect(compile).toThrow(MissingPromptInputsError);
    expect(compile).toThrow('variables a, c');
  });

  it('should leave missing variables in place when asked to', () => {
    expect(compileText('{{a}} {{b}}', { variables: { b: 1 }, onMissing: 'keep' })).toBe('{{a}} 1');
  });
});

describe('compileChat', () => {
  it('should fill variables and put the placeholder messages in place, untouched', () => {
    const history = [
      { role: 'user', content: 'my order {{id}}' },
      { role: 'assistant', content: 'found it', name: 'bot' },
    ];
    const compiled = compileChat(chat, {
      variables: { company: 'Acme', question: 'Where is it?' },
      placeholders: { history },
    });

    expect(compiled).toEqual([
      { role: 'system', content: 'You help Acme customers.' },
      ...history,
      { role: 'user', content: 'Where is it?' },
    ]);
  });

  it('should drop a placeholder given an empty list', () => {
    const compiled = compileChat(chat, {
      variables: { company: 'Acme', question: 'q' },
      placeholders: { history: [] },
    });

    expect(compiled).toHaveLength(2);
  });

  it('should name missing variables and placeholders together', () => {
    const error = (() => {
      try {
        compileChat(chat, { variables: { company: 'Acme' } });
      } catch (caught) {
        return caught as MissingPromptInputsError;
      }
    })();

    expect(error?.variables).toEqual(['question']);
    expect(error?.placeholders).toEqual(['history']);
    expect(error?.message).toBe(
      'The prompt needs variables question and placeholders history, which were not given.',
    );
  });

  it('should keep an unfilled placeholder as an item when asked to', () => {
    const compiled = compileChat(chat, { onMissing: 'keep' });

    expect(compiled[1]).toEqual({ type: 'placeholder', name: 'history' });
    expect(compiled[2]).toEqual({ role: 'user', content: '{{question}}' });
  });
});
