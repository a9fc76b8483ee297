import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  jsonExportRequest,
  protobufExportRequest,
  protobufWithEmptyAttributes,
} from './__fixtures__/otlp-requests.js';
import { decodeOtlpBody, otlpFormatOf } from './decode-otlp-body.js';

const limit = 1024 * 1024;

function decode(body: Buffer | undefined, contentType: string, contentEncoding?: string) {
  return decodeOtlpBody({ body, contentType, contentEncoding, maxBytes: limit });
}

describe('decodeOtlpBody', () => {
  it('should read a protobuf body as the same spans as its JSON twin', async () => {
    const fromJson = await decode(
      Buffer.from(JSON.stringify(jsonExportRequest())),
      'application/json',
    );
    const fromProtobuf = await decode(protobufExportRequest(), 'application/x-protobuf');
    expect(fromProtobuf.format).toBe('protobuf');
    expect(fromJson.format).toBe('json');
    expect(fromProtobuf.spans).toEqual(fromJson.spans);
    expect(fromProtobuf.spans.groups[0]?.spans[0]?.spanId).toBe('b7ad6b7169203331');
  });

  it('should read a gzip protobuf body', async () => {
    const decoded = await decode(
      gzipSync(protobufExportRequest()),
      'application/x-protobuf',
      'gzip',
    );
    expect(decoded.spans.groups[0]?.spans).toHaveLength(1);
  });

  it('should answer 413 for a protobuf body of more messages than it decodes', async () => {
    const decoding = decode(protobufWithEmptyAttributes(1_500_000), 'application/x-protobuf');
    await expect(decoding).rejects.toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('should read an empty protobuf body as a request with no spans', async () => {
    const decoded = await decode(undefined, 'application/x-protobuf');
    expect(decoded.spans.groups).toEqual([]);
  });

  it.each([
    [
      'text sent as protobuf',
      'hello, not protobuf',
      'application/x-protobuf',
      /not an OTLP protobuf message/,
    ],
    [
      'JSON sent as protobuf',
      JSON.stringify(jsonExportRequest()),
      'application/x-protobuf',
      /not an OTLP protobuf message/,
    ],
    [
      'a protobuf body cut short',
      protobufExportRequest().subarray(0, 40),
      'application/x-protobuf',
      /not an OTLP protobuf message/,
    ],
    ['text sent as JSON', 'hello', 'application/json', /not valid JSON/],
    ['an empty JSON body', '', 'application/json', /not valid JSON/],
    ['JSON of another shape', '[1,2]', 'application/json', /not an OTLP trace export request/],
  ])('should answer 400 for %s', async (_name, body, contentType, message) => {
    const decoding = decode(Buffer.from(body), contentType);
    await expect(decoding).rejects.toMatchObject({ status: 400 });
    await expect(decoding).rejects.toThrow(message);
  });
});

describe('otlpFormatOf', () => {
  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON', 'json'],
  ])('should read %s as %s', (contentType, format) => {
    expect(otlpFormatOf(contentType)).toBe(format);
  });

  it.each([['text/plain'], [undefined]])('should answer 415 for %s', (contentType) => {
    expect(() => otlpFormatOf(contentType)).toThrow(
      expect.objectContaining({ status: 415 }) as Error,
    );
  });
});
