import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from './line-diff.js';

function apply(lines: ReturnType<typeof diffLines>) {
  return {
    before: lines.filter((line) => line.kind !== '+').map((line) => line.text),
    after: lines.filter((line) => line.kind !== '-').map((line) => line.text),
  };
}

describe('diffLines', () => {
  it.each([
    [['a', 'b', 'c'], ['a', 'b', 'c'], 0],
    [['a', 'b', 'c'], ['a', 'x', 'c'], 2],
    [[], ['a', 'b'], 2],
    [['a', 'b'], [], 2],
    [['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c'], 5],
  ])('should turn %j into %j with %i changed lines', (before, after, changes) => {
    const lines = diffLines(before, after);

    expect(apply(lines)).toEqual({ before, after });
    expect(lines.filter((line) => line.kind !== ' ')).toHaveLength(changes);
  });

  it('should diff a long text with one change quickly and exactly', () => {
    const before = Array.from({ length: 50_000 }, (_, index) => `line ${index}`);
    const after = [...before];
    after[25_000] = 'changed';

    expect(diffLines(before, after).filter((line) => line.kind !== ' ')).toEqual([
      { kind: '-', text: 'line 25000' },
      { kind: '+', text: 'changed' },
    ]);
  });
});

describe('unifiedDiff', () => {
  it('should print hunks with three lines of context and their line numbers', () => {
    const before = Array.from({ length: 12 }, (_, index) => `l${index + 1}`).join('\n');
    const after = before.replace('l2', 'L2').replace('l11', 'l11\nnew');

    expect(unifiedDiff({ label: 'p v1', text: before }, { label: 'p v2', text: after })).toBe(
      [
        '--- p v1',
        '+++ p v2',
        '@@ -1,5 +1,5 @@',
        ' l1',
        '-l2',
        '+L2',
        ' l3',
        ' l4',
        ' l5',
        '@@ -9,4 +9,5 @@',
        ' l9',
        ' l10',
        ' l11',
        '+new',
        ' l12',
        '',
      ].join('\n'),
    );
  });

  it('should print nothing for equal texts', () => {
    expect(unifiedDiff({ label: 'a', text: 'x' }, { label: 'b', text: 'x' })).toBe('');
  });
});
