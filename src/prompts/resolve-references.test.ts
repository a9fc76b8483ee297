import { describe, expect, it } from 'vitest';
import type { PromptSelector } from './prompt-model.js';
import {
  PromptReferenceError,
  resolveReferences,
  type ReferencingPrompt,
} from './resolve-references.js';

function text(name: string, version: number, prompt: string): ReferencingPrompt {
  return { id: `${name}-${version}`, name, version, type: 'text', prompt };
}

/** Loads from a list; each entry answers to its version and to the label `production`. */
function loader(prompts: ReferencingPrompt[]) {
  return async (name: string, selector: PromptSelector) =>
    prompts.find(
      (prompt) =>
        prompt.name === name &&
        ('version' in selector
          ? prompt.version === selector.version
          : selector.label === 'production'),
    );
}

const ref = (name: string) => `@@@langfusePrompt:name=${name}|label=production@@@`;

describe('resolveReferences', () => {
  it('should return a prompt without references as it is, with no graph', async () => {
    const root = text('a', 1, 'plain {{var}}');

    expect(await resolveReferences(root, loader([]))).toEqual({
      prompt: 'plain {{var}}',
      graph: null,
    });
  });

  it('should write nested references in, in chat messages too, and describe the graph', async () => {
    const store = [
      text('footer', 2, 'Bye {{name}}, see @@@langfusePrompt:name=legal|version=1@@@'),
      text('legal', 1, '§1'),
    ];
    const root: ReferencingPrompt = {
      id: 'root',
      name: 'chat',
      version: 3,
      type: 'chat',
      prompt: [{ type: 'chatmessage', role: 'system', content: `Hi. ${ref('footer')}` }],
    };

    const resolved = await resolveReferences(root, loader(store));

    expect(resolved.prompt).toEqual([
      { type: 'chatmessage', role: 'system', content: 'Hi. Bye {{name}}, see §1' },
    ]);
    expect(resolved.graph).toEqual({
      root: { id: 'root', name: 'chat', version: 3 },
      dependencies: {
        root: [{ id: 'footer-2', name: 'footer', version: 2 }],
        'footer-2': [{ id: 'legal-1', name: 'legal', version: 1 }],
      },
    });
  });

  it('should refuse a prompt that references itself, showing the cycle', async () => {
    const root = text('self', 2, `x ${ref('self')}`);

    await expect(resolveReferences(root, loader([]))).rejects.toThrow(
      "Prompt references form a cycle: self v2 → self (label 'production').",
    );
  });

  it('should refuse a cycle through other prompts, showing every step', async () => {
    const store = [text('b', 1, ref('c')), text('c', 4, ref('a'))];

    await expect(resolveReferences(text('a', 1, ref('b')), loader(store))).rejects.toThrow(
      "Prompt references form a cycle: a v1 → b v1 → c v4 → a (label 'production').",
    );
  });

  it('should allow a chain of five prompts and refuse a sixth', async () => {
    const chain = ['p1', 'p2', 'p3', 'p4', 'p5'].map((name, index, names) =>
      text(name, 1, names[index + 1] ? ref(names[index + 1] as string) : 'end'),
    );
    const five = await resolveReferences(text('root', 1, ref('p2')), loader(chain.slice(1)));
    expect(five.prompt).toBe('end');

    await expect(resolveReferences(text('root', 1, ref('p1')), loader(chain))).rejects.toThrow(
      /nest deeper than 5 prompts: root v1 → p1 v1 → p2 v1 → p3 v1 → p4 v1 → p5/,
    );
  });

  it.each([
    ['a missing prompt', [], /does not exist: a v1 → gone/],
    [
      'a chat prompt',
      [{ id: 'c', name: 'gone', version: 1, type: 'chat' as const, prompt: [] }],
      /Only text prompts can be referenced/,
    ],
  ])('should refuse a reference to %s', async (_case, store, message) => {
    const attempt = resolveReferences(text('a', 1, ref('gone')), loader(store));

    await expect(attempt).rejects.toBeInstanceOf(PromptReferenceError);
    await expect(attempt).rejects.toThrow(message);
  });
});
