import { exportTraceRequestType } from '../otlp-proto-schema.js';

/** One span with an id of each kind, as OTLP/JSON writes it. */
export function jsonExportRequest(span: Record<string, unknown> = {}) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeSpans: [
          {
            scope: { name: 'my-app', version: '1.0.0' },
            spans: [
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId: 'b7ad6b7169203331',
                parentSpanId: '00f067aa0ba902b7',
                name: 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: '1735689600000000000',
                endTimeUnixNano: '1735689601500000000',
                attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '12' } }],
                status: { code: 2, message: 'boom' },
                ...span,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The same request as protobuf bytes: ids become their bytes, written in base64 here. */
export function protobufExportRequest(span: Record<string, unknown> = {}): Buffer {
  const request = jsonExportRequest({
    traceId: Buffer.from('0af7651916cd43dd8448eb211c80319c', 'hex').toString('base64'),
    spanId: Buffer.from('b7ad6b7169203331', 'hex').toString('base64'),
    parentSpanId: Buffer.from('00f067aa0ba902b7', 'hex').toString('base64'),
    ...span,
  });
  const message = exportTraceRequestType.fromObject(request);
  return Buffer.from(exportTraceRequestType.encode(message).finish());
}
