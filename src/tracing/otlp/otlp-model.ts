/**
 * OTLP trace data after decoding, the same whichever encoding it arrived in: ids are
 * lowercase hex, times are nanoseconds since the epoch, attributes are plain values.
 */

/** An attribute value; `kvlistValue` becomes an object and `bytesValue` base64 text. */
export type AttributeValue =
  string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export interface OtlpSpanEvent {
  name: string;
  timeUnixNano?: bigint;
  attributes: Attributes;
}

export interface OtlpSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  /** Absent while a span is still open. */
  endTimeUnixNano?: bigint;
  attributes: Attributes;
  events: OtlpSpanEvent[];
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage?: string;
}

export interface OtlpScope {
  name: string;
  version?: string;
  attributes: Attributes;
}

/** The spans of one instrumentation scope, with the resource that produced them. */
export interface OtlpSpanGroup {
  resource: Attributes;
  scope: OtlpScope;
  spans: OtlpSpan[];
}

/** A decoded export request; spans that could not be read are counted, not kept. */
export interface OtlpExport {
  groups: OtlpSpanGroup[];
  rejectedSpans: number;
  /** Why the first rejected spans were rejected, for the partial success answer. */
  rejections: string[];
}
