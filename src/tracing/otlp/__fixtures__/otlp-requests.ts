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

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 127) {
    bytes.push((rest & 127) | 128);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function field(number: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(number << 3) | 2]), varint(payload.length), payload]);
}

/**
 * A protobuf request of one span with `count` empty attributes, two bytes each on the
 * wire: a small body that would take a great deal of memory to decode.
 */
export function protobufWithEmptyAttributes(count: number): Buffer {
  const span = Buffer.concat([
    field(1, Buffer.alloc(16, 1)),
    field(2, Buffer.alloc(8, 1)),
    Buffer.alloc(count * 2).fill(Buffer.from([0x4a, 0x00])),
  ]);
  return field(1, field(2, field(2, span)));
}

/** AnyValues nested `depth` levels deep, as arrays of one value each. */
export function protobufNestedValues(depth: number): Buffer {
  let value = field(1, Buffer.from('leaf'));
  for (let level = 0; level < depth; level++) value = field(5, field(1, value));
  const attribute = field(9, Buffer.concat([field(1, Buffer.from('deep')), field(2, value)]));
  return field(1, field(2, field(2, attribute)));
}
