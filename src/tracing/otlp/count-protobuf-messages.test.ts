import { describe, expect, it } from 'vitest';
import {
  protobufExportRequest,
  protobufNestedValues,
  protobufWithEmptyAttributes,
} from './__fixtures__/otlp-requests.js';
import { holdsMoreMessagesThan } from './count-protobuf-messages.js';
import { exportTraceRequestType } from './otlp-proto-schema.js';

describe('holdsMoreMessagesThan', () => {
  // resourceSpans, resource, its attribute and value, scopeSpans, scope, span, the span's
  // attribute and value, status: 10 messages.
  it.each([
    [9, true],
    [10, false],
  ])('should count the messages of a request against a limit of %i', (limit, expected) => {
    expect(holdsMoreMessagesThan(protobufExportRequest(), exportTraceRequestType, limit)).toBe(
      expected,
    );
  });

  it('should stop at the limit on a body of many tiny messages', () => {
    const body = protobufWithEmptyAttributes(2_000_000);
    expect(holdsMoreMessagesThan(body, exportTraceRequestType, 1_000_000)).toBe(true);
  });

  it.each([
    ['cut short', protobufExportRequest().subarray(0, 30), /runs past/],
    ['nested too deep', protobufNestedValues(80), /nest deeper than 100 levels/],
    ['not protobuf', Buffer.from('hello, not protobuf'), /wire type|index out of range/],
  ])('should throw for a body %s', (_name, body, message) => {
    expect(() => holdsMoreMessagesThan(body, exportTraceRequestType, 1_000_000)).toThrow(message);
  });
});
