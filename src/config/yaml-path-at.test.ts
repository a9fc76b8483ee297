import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { yamlPathAt } from './yaml-path-at.js';

const text = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      rpm: 10
router_settings:
  num_retries: 2
`;

describe('yamlPathAt', () => {
  it.each([
    [
      'a scalar value in a list item',
      'openai/gpt-4o',
      ['model_list', 0, 'litellm_params', 'model'],
    ],
    ['a key in a list item', 'rpm', ['model_list', 0, 'litellm_params', 'rpm']],
    ['a key of a top-level section', 'num_retries', ['router_settings', 'num_retries']],
    ['a top-level key', 'router_settings', ['router_settings']],
  ])('should find the path of %s', (_name, needle, expected) => {
    const document = parseDocument(text);

    expect(yamlPathAt(document, text.indexOf(needle))).toEqual(expected);
  });

  it('should give an empty path past the end of every node', () => {
    const document = parseDocument('a: 1\n\n\n');

    expect(yamlPathAt(document, 7)).toEqual([]);
  });
});
