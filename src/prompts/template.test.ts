import { describe, expect, it } from 'vitest';
import { fillVariables, findVariables } from './template.js';

describe('findVariables', () => {
  it.each([
    ['Hello {{name}}!', ['name']],
    ['{{ a }} and {{b}} and {{a}}', ['a', 'b']],
    [
      '{{ville_natale}} {{стадт}} {{user.name}} {{x-y}}',
      ['ville_natale', 'стадт', 'user.name', 'x-y'],
    ],
    ['no variables, {single} braces, {{ }} empty', []],
  ])('should find the variables of %j', (text, expected) => {
    expect(findVariables(text)).toEqual(expected);
  });
});

describe('fillVariables', () => {
  it('should write strings as they are, numbers and booleans as text, objects as JSON', () => {
    const filled = fillVariables('{{s}}|{{n}}|{{b}}|{{o}}|{{z}}', {
      s: 'a {{not-a-template}}',
      n: 3,
      b: false,
      o: { k: [1] },
      z: null,
    });

    expect(filled).toEqual({ text: 'a {{not-a-template}}|3|false|{"k":[1]}|', missing: [] });
  });

  it('should leave a variable not given as written and name it once', () => {
    expect(fillVariables('{{a}} {{ b }} {{b}}', { a: 'x' })).toEqual({
      text: 'x {{ b }} {{b}}',
      missing: ['b'],
    });
  });

  it('should not read inherited properties as variables', () => {
    expect(fillVariables('{{constructor}}', {}).missing).toEqual(['constructor']);
  });
});
