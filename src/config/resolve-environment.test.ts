import { describe, expect, it } from 'vitest';
import { dropNulls, resolveEnvironment } from './resolve-environment.js';

const environment = { HOST: '127.0.0.1:8000', KEY: 'test-key-0001', EMPTY: '' };

describe('resolveEnvironment', () => {
  it.each([
    ['os.environ/NAME', 'os.environ/KEY', 'test-key-0001'],
    ['$NAME', '$KEY', 'test-key-0001'],
    ['${NAME} as the whole value', '${KEY}', 'test-key-0001'],
    ['${NAME} inside a URL', 'http://${HOST}/v1', 'http://127.0.0.1:8000/v1'],
    ['two ${NAME} in one value', '${HOST}:${KEY}', '127.0.0.1:8000:test-key-0001'],
    ['a reference with spaces around it', '  os.environ/KEY  ', 'test-key-0001'],
    ['a variable set to an empty string', 'os.environ/EMPTY', ''],
    ['$NAME inside a longer value, which is text', 'pa$KEY', 'pa$KEY'],
    ['a value without references', 'openai/gpt-4o', 'openai/gpt-4o'],
  ])('should resolve %s', (_name, value, expected) => {
    expect(resolveEnvironment({ value }, environment).value).toEqual({ value: expected });
  });

  it('should resolve references in nested maps and lists, leaving other values alone', () => {
    const config = { model_list: [{ litellm_params: { api_key: '$KEY', rpm: 5, stream: true } }] };

    expect(resolveEnvironment(config, environment).value).toEqual({
      model_list: [{ litellm_params: { api_key: 'test-key-0001', rpm: 5, stream: true } }],
    });
  });

  it.each([
    ['a whole reference as undefined', { api_key: 'os.environ/MISSING' }, { api_key: undefined }],
    [
      'an embedded reference as an empty string',
      { url: 'http://${MISSING}/v1' },
      { url: 'http:///v1' },
    ],
  ])('should resolve an unset variable in %s and report it', (_name, config, expected) => {
    const resolved = resolveEnvironment({ section: config }, environment);

    expect(resolved.value).toEqual({ section: expected });
    expect(resolved.missing).toEqual([
      { name: 'MISSING', path: `section.${Object.keys(config)[0]}` },
    ]);
  });

  it('should name the list index of a reference it cannot resolve', () => {
    const resolved = resolveEnvironment({ list: ['ok', '$MISSING'] }, environment);

    expect(resolved.missing).toEqual([{ name: 'MISSING', path: 'list[1]' }]);
  });
});

describe('dropNulls', () => {
  it('should drop keys left empty, at every depth', () => {
    expect(dropNulls({ a: null, b: { c: null, d: 1 } })).toEqual({ b: { d: 1 } });
  });

  it('should keep a null list item where it is, so later indexes do not move', () => {
    expect(dropNulls({ list: [null, { a: null, b: 2 }] })).toEqual({ list: [null, { b: 2 }] });
  });
});
