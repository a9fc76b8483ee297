import type { Attributes, OtlpSpan, OtlpSpanGroup } from '../otlp-model.js';

/** 2025-01-01T00:00:00.000Z in nanoseconds. */
export const startNanos = 1_735_689_600_000_000_000n;
export const startMs = 1_735_689_600_000;

/** A finished span of 1.5 s with no attributes; tests override what they look at. */
export function makeSpan(overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'work',
    kind: 1,
    startTimeUnixNano: startNanos,
    endTimeUnixNano: startNanos + 1_500_000_000n,
    attributes: {},
    events: [],
    statusCode: 0,
    ...overrides,
  };
}

/** A group from a plain OpenTelemetry app, or from the Langfuse SDK with `scope`. */
export function makeGroup(
  spans: OtlpSpan[],
  scope = 'my-app',
  resource: Attributes = {},
): OtlpSpanGroup {
  return {
    resource: { 'service.name': 'checkout', ...resource },
    scope: { name: scope, version: '1.0.0', attributes: {} },
    spans,
  };
}
