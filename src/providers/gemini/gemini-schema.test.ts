import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './gemini-schema.js';

const param = 'tools[0].function.parameters';

describe('toGeminiSchema', () => {
  it('should drop the keywords Gemini refuses, at every depth', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'weather',
      type: 'object',
      additionalProperties: false,
      strict: true,
      properties: {
        city: { type: 'string', description: 'The city', examples: ['Paris'] },
        days: { type: 'integer', minimum: 1, maximum: 7 },
        options: {
          type: 'object',
          additionalProperties: { type: 'string' },
          properties: { unit: { type: 'string', enum: ['C', 'F'] } },
        },
      },
      required: ['city'],
    };
    expect(toGeminiSchema(schema, param)).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'The city' },
        days: { type: 'integer', minimum: 1, maximum: 7 },
        options: { type: 'object', properties: { unit: { type: 'string', enum: ['C', 'F'] } } },
      },
      required: ['city'],
    });
  });

  it.each([
    ['a nullable type list', { type: ['string', 'null'] }, { type: 'string', nullable: true }],
    [
      'a type list of two types',
      { type: ['string', 'number'] },
      { anyOf: [{ type: 'string' }, { type: 'number' }] },
    ],
    [
      'an optional field written as anyOf with null',
      { anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'Age' },
      { type: 'integer', nullable: true, description: 'Age' },
    ],
    [
      'oneOf',
      { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    ],
    ['const', { type: 'string', const: 'fixed' }, { type: 'string', enum: ['fixed'] }],
    ['a format Gemini refuses', { type: 'string', format: 'email' }, { type: 'string' }],
    [
      'a format Gemini takes',
      { type: 'string', format: 'date-time' },
      { type: 'string', format: 'date-time' },
    ],
    ['an empty properties map', { type: 'object', properties: {} }, { type: 'object' }],
    [
      'required names with no property',
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'] },
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
    ],
    [
      'tuple items',
      { type: 'array', items: [{ type: 'string' }] },
      { type: 'array', items: { type: 'string' } },
    ],
  ])('should rewrite %s', (_name, schema, expected) => {
    expect(toGeminiSchema(schema, param)).toEqual(expected);
  });

  it('should inline local references and keep what stands beside them', () => {
    const schema = {
      type: 'object',
      $defs: { City: { type: 'object', properties: { name: { type: 'string' } } } },
      definitions: { Unit: { type: 'string', enum: ['C', 'F'] } },
      properties: {
        home: { $ref: '#/$defs/City', description: 'Where I live' },
        unit: { $ref: '#/definitions/Unit' },
        trips: { type: 'array', items: { $ref: '#/$defs/City' } },
      },
    };
    const city = { type: 'object', properties: { name: { type: 'string' } } };
    expect(toGeminiSchema(schema, param)).toEqual({
      type: 'object',
      properties: {
        home: { ...city, description: 'Where I live' },
        unit: { type: 'string', enum: ['C', 'F'] },
        trips: { type: 'array', items: city },
      },
    });
  });

  it.each([
    [
      'a recursive reference',
      {
        $defs: {
          Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } },
        },
        $ref: '#/$defs/Node',
      },
    ],
    ['a remote reference', { $ref: 'https://example.com/schema.json' }],
    ['a missing definition', { $ref: '#/$defs/Nowhere' }],
  ])('should refuse %s as unsupported', (_name, schema) => {
    expect(() => toGeminiSchema(schema, param)).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', param }),
    );
  });
});
