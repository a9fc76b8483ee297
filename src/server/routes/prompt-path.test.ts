import { describe, expect, it } from 'vitest';
import { parsePromptPath } from './prompt-path.js';

const base = '/api/public/v2/prompts/';

describe('parsePromptPath', () => {
  it.each([
    ['greeting', 'greeting'],
    ['team%2Fops%2Ftriage?label=x', 'team/ops/triage'],
    ['team/ops/triage/', 'team/ops/triage'],
    ['r%C3%A9sum%C3%A9%20%C3%A9crit', 'résumé écrit'],
    ['a%25b', 'a%b'],
  ])('should read %s as %j', (path, name) => {
    expect(parsePromptPath(`${base}${path}`, false)).toEqual({ name });
  });

  it.each([
    ['team%2Fversions%2F3/versions/2', { name: 'team/versions/3', version: 2 }],
    ['a/b/versions/12', { name: 'a/b', version: 12 }],
    ['a%2Fb/version/4', { name: 'a/b', version: 4 }],
  ])('should split %s at its last /versions/ segment', (path, expected) => {
    expect(parsePromptPath(`${base}${path}`, true)).toEqual(expected);
  });

  it.each(['a/versions/0', 'a/versions/x', 'versions/1', 'a'])(
    'should refuse %s as a path to a version',
    (path) => {
      expect(() => parsePromptPath(`${base}${path}`, true)).toThrow('/versions/{version}');
    },
  );

  it('should refuse broken percent-encoding with a 400', () => {
    expect(() => parsePromptPath(`${base}a%E0%A4%A`, false)).toThrow('percent-encoding');
  });
});
