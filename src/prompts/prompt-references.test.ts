import { describe, expect, it } from 'vitest';
import { findReferences, replaceReferences } from './prompt-references.js';

describe('findReferences', () => {
  it.each([
    ['@@@langfusePrompt:name=footer|label=production@@@', { name: 'footer', label: 'production' }],
    ['@@@langfusePrompt:name=team/a b/ç|version=12@@@', { name: 'team/a b/ç', version: 12 }],
  ])('should read %s', (tag, expected) => {
    expect(findReferences(`before ${tag} after`)).toEqual([{ tag, ...expected }]);
  });

  it.each([
    '@@@langfusePrompt:name=x@@@',
    '@@@langfusePrompt:name=x|version=0@@@',
    '@@@langfusePrompt:name=x|version=two@@@',
    '@@@langfusePrompt:label=a|version=2@@@',
    '@@@langfusePrompt:name=x|label=a|version=2@@@',
  ])('should leave %s alone', (text) => {
    expect(findReferences(text)).toEqual([]);
  });

  it('should find each reference once across chat messages, and none in placeholders', () => {
    const tag = '@@@langfusePrompt:name=f|label=l@@@';
    const found = findReferences([
      { type: 'chatmessage', role: 'system', content: `${tag} ${tag}` },
      { type: 'placeholder', name: tag },
      { type: 'chatmessage', role: 'user', content: tag },
    ]);

    expect(found).toHaveLength(1);
  });
});

describe('replaceReferences', () => {
  it('should replace each tag with its text, dollar signs included', () => {
    const tag = '@@@langfusePrompt:name=f|version=1@@@';

    expect(replaceReferences(`a ${tag} b ${tag}`, new Map([[tag, 'costs $1 $&']]))).toBe(
      'a costs $1 $& b costs $1 $&',
    );
  });
});
