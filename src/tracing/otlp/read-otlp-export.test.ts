import { describe, expect, it } from 'vitest';
import { jsonExportRequest } from './__fixtures__/otlp-requests.js';
import { readOtlpExport } from './read-otlp-export.js';

describe('readOtlpExport', () => {
  it('should read a span with its resource, scope, ids, times and status', () => {
    const result = readOtlpExport(jsonExportRequest(), 'hex');
    expect(result.rejectedSpans).toBe(0);
    expect(result.groups).toEqual([
      {
        resource: { 'service.name': 'checkout' },
        scope: { name: 'my-app', version: '1.0.0', attributes: {} },
        spans: [
          {
            traceId: '0af7651916cd43dd8448eb211c80319c',
            spanId: 'b7ad6b7169203331',
            parentSpanId: '00f067aa0ba902b7',
            name: 'chat gpt-4o',
            kind: 3,
            startTimeUnixNano: 1_735_689_600_000_000_000n,
            endTimeUnixNano: 1_735_689_601_500_000_000n,
            attributes: { 'gen_ai.usage.input_tokens': 12 },
            events: [],
            statusCode: 2,
            statusMessage: 'boom',
          },
        ],
      },
    ]);
  });

  it.each([
    ['a status code spelled by name', { status: { code: 'STATUS_CODE_ERROR' } }, 'statusCode', 2],
    [
      'a time given as a number',
      { endTimeUnixNano: 1_735_689_601_000_000_000 },
      'endTimeUnixNano',
      1_735_689_601_000_000_000n,
    ],
    [
      'an end time of zero, as an open span',
      { endTimeUnixNano: '0' },
      'endTimeUnixNano',
      undefined,
    ],
    ['no parent', { parentSpanId: '' }, 'parentSpanId', undefined],
  ])('should read %s', (_name, override, field, expected) => {
    const span = readOtlpExport(jsonExportRequest(override), 'hex').groups[0]?.spans[0];
    expect(span?.[field as keyof typeof span]).toEqual(expected);
  });

  it.each([
    [
      'an all-zero trace id',
      { traceId: '00000000000000000000000000000000' },
      'the trace id is all zeroes',
    ],
    ['a short span id', { spanId: 'abcd' }, 'the span id is not 8 bytes of hex'],
    ['no start time', { startTimeUnixNano: undefined }, 'no valid start time'],
    ['a name that is not text', { name: 42 }, 'a field has the wrong type'],
  ])('should reject a span with %s and say where it was', (_name, override, problem) => {
    const result = readOtlpExport(jsonExportRequest(override), 'hex');
    expect(result.groups).toEqual([]);
    expect(result.rejectedSpans).toBe(1);
    expect(result.rejections).toEqual([`resourceSpans[0].scopeSpans[0].spans[0]: ${problem}`]);
  });

  it('should keep the good spans of a scope when one is rejected', () => {
    const request = jsonExportRequest();
    const scopeSpans = request.resourceSpans[0]!.scopeSpans[0]!;
    scopeSpans.spans.push({ ...scopeSpans.spans[0]!, spanId: 'nope' });
    const result = readOtlpExport(request, 'hex');
    expect(result.groups[0]?.spans).toHaveLength(1);
    expect(result.rejectedSpans).toBe(1);
  });

  it.each([
    ['an empty object', {}],
    ['a request with unknown fields only', { something: 1 }],
    ['a resource without scopes', { resourceSpans: [{}] }],
  ])('should read %s as no spans', (_name, body) => {
    expect(readOtlpExport(body, 'hex')).toEqual({ groups: [], rejectedSpans: 0, rejections: [] });
  });

  it.each([
    ['a list', []],
    ['text', 'spans'],
    ['resourceSpans that is not a list', { resourceSpans: 'x' }],
    ['scopeSpans that is not a list', { resourceSpans: [{ scopeSpans: 3 }] }],
  ])('should refuse %s as not OTLP', (_name, body) => {
    expect(() => readOtlpExport(body, 'hex')).toThrow(/not an OTLP trace export request/);
  });
});
