import { z } from 'zod';
import { readAttributes } from './any-value.js';
import { readOtlpId, type IdEncoding } from './otlp-ids.js';
import type { OtlpSpan, OtlpSpanEvent } from './otlp-model.js';
import { readUnixNanos } from './unix-nanos.js';

const enumValue = z.union([z.number().int(), z.string()]);
const nanos = z.union([z.string(), z.number()]);

/** A span in OTLP/JSON's shape; ids, times and enums are checked after. */
const spanSchema = z.object({
  traceId: z.string().nullish(),
  spanId: z.string().nullish(),
  parentSpanId: z.string().nullish(),
  name: z.string().nullish(),
  kind: enumValue.nullish(),
  startTimeUnixNano: nanos.nullish(),
  endTimeUnixNano: nanos.nullish(),
  attributes: z.array(z.unknown()).nullish(),
  events: z.array(z.unknown()).nullish(),
  status: z.object({ code: enumValue.nullish(), message: z.string().nullish() }).nullish(),
});

const eventSchema = z.object({
  name: z.string().nullish(),
  timeUnixNano: nanos.nullish(),
  attributes: z.array(z.unknown()).nullish(),
});

const statusCodes: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/** Proto3 JSON may spell an enum by its name; an unknown name reads as 0. */
function enumNumber(value: number | string | null | undefined, names: Record<string, number>) {
  if (typeof value === 'number') return value;
  return value ? (names[value] ?? 0) : 0;
}

function readEvents(events: unknown[]): OtlpSpanEvent[] {
  return events.flatMap((raw) => {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) return [];
    const time = readUnixNanos(parsed.data.timeUnixNano);
    return [
      {
        name: parsed.data.name ?? '',
        timeUnixNano: typeof time === 'bigint' ? time : undefined,
        attributes: readAttributes(parsed.data.attributes),
      },
    ];
  });
}

/** Reads one span, or says why it cannot be kept (a bad id, no start time). */
export function readOtlpSpan(raw: unknown, encoding: IdEncoding): OtlpSpan | { problem: string } {
  const parsed = spanSchema.safeParse(raw);
  if (!parsed.success) return { problem: 'a field has the wrong type' };
  const span = parsed.data;

  const traceId = readOtlpId(span.traceId, 'trace', encoding) ?? { problem: 'no trace id' };
  if (typeof traceId !== 'string') return traceId;
  const spanId = readOtlpId(span.spanId, 'span', encoding) ?? { problem: 'no span id' };
  if (typeof spanId !== 'string') return spanId;
  const parentSpanId = readOtlpId(span.parentSpanId, 'span', encoding);
  if (typeof parentSpanId === 'object') return { problem: `parent: ${parentSpanId.problem}` };

  const start = readUnixNanos(span.startTimeUnixNano);
  if (typeof start !== 'bigint') return { problem: 'no valid start time' };
  const end = readUnixNanos(span.endTimeUnixNano);
  if (end === 'invalid') return { problem: 'the end time is not a number' };

  return {
    traceId,
    spanId,
    parentSpanId,
    name: span.name ?? '',
    kind: enumNumber(span.kind, {}),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: readAttributes(span.attributes),
    events: readEvents(span.events ?? []),
    statusCode: enumNumber(span.status?.code, statusCodes),
    statusMessage: span.status?.message || undefined,
  };
}
