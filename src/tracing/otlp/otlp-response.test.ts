import { describe, expect, it } from 'vitest';
import { encodeOtlpResponse, partialSuccessOf } from './otlp-response.js';
import { exportTraceResponseType } from './otlp-proto-schema.js';

describe('encodeOtlpResponse', () => {
  it.each([
    ['json', 'application/json', '{}'],
    ['protobuf', 'application/x-protobuf', ''],
  ] as const)('should answer a full %s success with an empty message', (format, type, body) => {
    const response = encodeOtlpResponse(format, undefined);
    expect(response.contentType).toBe(type);
    expect(response.body.toString()).toBe(body);
  });

  it('should write a partial success in protobuf that decodes back', () => {
    const partial = { rejectedSpans: 3, errorMessage: 'bad ids' };
    const response = encodeOtlpResponse('protobuf', partial);
    const decoded = exportTraceResponseType.toObject(
      exportTraceResponseType.decode(response.body as Buffer),
      { longs: Number },
    );
    expect(decoded).toEqual({ partialSuccess: partial });
  });

  it('should write a partial success in JSON', () => {
    const response = encodeOtlpResponse('json', { rejectedSpans: 1, errorMessage: 'x' });
    expect(JSON.parse(response.body as string)).toEqual({
      partialSuccess: { rejectedSpans: 1, errorMessage: 'x' },
    });
  });
});

describe('partialSuccessOf', () => {
  it('should be undefined when nothing was rejected', () => {
    expect(partialSuccessOf({ groups: [], rejectedSpans: 0, rejections: [] })).toBeUndefined();
  });

  it('should count the rejections it does not name', () => {
    const partial = partialSuccessOf({ groups: [], rejectedSpans: 7, rejections: ['a', 'b'] });
    expect(partial).toEqual({ rejectedSpans: 7, errorMessage: '7 span(s) rejected: a; b; 5 more' });
  });
});
