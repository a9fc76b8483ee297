import protobuf from 'protobufjs/light.js';

/**
 * The OTLP trace export messages as a protobufjs descriptor, with the field numbers of
 * OpenTelemetry's published protocol (collector/trace/v1, trace/v1, common/v1,
 * resource/v1). Field names are the camelCase ones of OTLP/JSON, so a decoded protobuf
 * message and a parsed JSON body have the same shape. Enums (span kind, status code) are
 * declared as int32: they share the varint wire type, and the numbers are what we keep.
 * Fields Sereno never reads (trace state, links, dropped counts, flags) are left out;
 * the decoder skips unknown fields.
 */
const descriptor = {
  nested: {
    ExportTraceServiceRequest: {
      fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } },
    },
    ExportTraceServiceResponse: {
      fields: { partialSuccess: { type: 'ExportTracePartialSuccess', id: 1 } },
    },
    ExportTracePartialSuccess: {
      fields: {
        rejectedSpans: { type: 'int64', id: 1 },
        errorMessage: { type: 'string', id: 2 },
      },
    },
    ResourceSpans: {
      fields: {
        resource: { type: 'Resource', id: 1 },
        scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
      },
    },
    Resource: {
      fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } },
    },
    ScopeSpans: {
      fields: {
        scope: { type: 'InstrumentationScope', id: 1 },
        spans: { rule: 'repeated', type: 'Span', id: 2 },
      },
    },
    InstrumentationScope: {
      fields: {
        name: { type: 'string', id: 1 },
        version: { type: 'string', id: 2 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
      },
    },
    Span: {
      fields: {
        traceId: { type: 'bytes', id: 1 },
        spanId: { type: 'bytes', id: 2 },
        parentSpanId: { type: 'bytes', id: 4 },
        name: { type: 'string', id: 5 },
        kind: { type: 'int32', id: 6 },
        startTimeUnixNano: { type: 'fixed64', id: 7 },
        endTimeUnixNano: { type: 'fixed64', id: 8 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 9 },
        events: { rule: 'repeated', type: 'SpanEvent', id: 11 },
        status: { type: 'Status', id: 15 },
      },
    },
    SpanEvent: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        name: { type: 'string', id: 2 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 3 },
      },
    },
    Status: {
      fields: {
        message: { type: 'string', id: 2 },
        code: { type: 'int32', id: 3 },
      },
    },
    KeyValue: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'AnyValue', id: 2 },
      },
    },
    AnyValue: {
      oneofs: {
        value: {
          oneof: [
            'stringValue',
            'boolValue',
            'intValue',
            'doubleValue',
            'arrayValue',
            'kvlistValue',
            'bytesValue',
          ],
        },
      },
      fields: {
        stringValue: { type: 'string', id: 1 },
        boolValue: { type: 'bool', id: 2 },
        intValue: { type: 'int64', id: 3 },
        doubleValue: { type: 'double', id: 4 },
        arrayValue: { type: 'ArrayValue', id: 5 },
        kvlistValue: { type: 'KeyValueList', id: 6 },
        bytesValue: { type: 'bytes', id: 7 },
      },
    },
    ArrayValue: {
      fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } },
    },
    KeyValueList: {
      fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } },
    },
  },
};

// Resolved now, so that each field's type is known to the message counter before decoding.
const root = protobuf.Root.fromJSON(descriptor).resolveAll();

export const exportTraceRequestType = root.lookupType('ExportTraceServiceRequest');
export const exportTraceResponseType = root.lookupType('ExportTraceServiceResponse');
