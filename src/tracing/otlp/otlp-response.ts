import type { OtlpFormat } from './decode-otlp-body.js';
import type { OtlpExport } from './otlp-model.js';
import { exportTraceResponseType } from './otlp-proto-schema.js';

/** An answer's body and its content type. */
export interface OtlpResponse {
  contentType: string;
  body: Buffer | string;
}

/** What was refused of an accepted request; no rejections is a full success. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** The partial success of a decoded request, naming the first rejected spans and why. */
export function partialSuccessOf(spans: OtlpExport): PartialSuccess | undefined {
  if (spans.rejectedSpans === 0) return undefined;
  const unnamed = spans.rejectedSpans - spans.rejections.length;
  const reasons = unnamed > 0 ? [...spans.rejections, `${unnamed} more`] : spans.rejections;
  return {
    rejectedSpans: spans.rejectedSpans,
    errorMessage: `${spans.rejectedSpans} span(s) rejected: ${reasons.join('; ')}`,
  };
}

/**
 * The ExportTraceServiceResponse of an accepted request, in the request's encoding as
 * OTLP/HTTP asks: empty on full success, with `partialSuccess` when spans were rejected.
 */
export function encodeOtlpResponse(
  format: OtlpFormat,
  partial: PartialSuccess | undefined,
): OtlpResponse {
  const message = partial ? { partialSuccess: partial } : {};
  if (format === 'json') {
    return { contentType: 'application/json', body: JSON.stringify(message) };
  }
  const encoded = exportTraceResponseType.encode(exportTraceResponseType.fromObject(message));
  return { contentType: 'application/x-protobuf', body: Buffer.from(encoded.finish()) };
}
