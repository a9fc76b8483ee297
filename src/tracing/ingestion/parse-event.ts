import type { z } from 'zod';
import type { ObservationType } from '../trace-records.js';
import { eventKindOf } from './ingestion-event-types.js';
import {
  eventEnvelopeSchema,
  observationBodySchema,
  scoreBodySchema,
  sdkLogBodySchema,
  traceBodySchema,
  type ObservationBody,
  type ScoreBody,
  type TraceBody,
} from './ingestion-schema.js';

interface EventBase {
  /** The event's own id: the key of idempotency, not the id of what it writes. */
  eventId: string;
  /** When the SDK made the event, epoch ms. */
  timestamp: number;
}

/** An event whose envelope and body are valid. */
export type IngestionEvent = EventBase &
  (
    | { kind: 'trace'; body: TraceBody }
    | { kind: 'observation'; type: ObservationType; isUpdate: boolean; body: ObservationBody }
    | { kind: 'score'; body: ScoreBody }
    | { kind: 'sdk-log' }
  );

/** One entry of the answer's `errors`, as Langfuse reports a refused event. */
export interface IngestionError {
  id: string;
  status: number;
  message: string;
  error: string;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function invalid(id: string, what: string, issues: z.core.$ZodIssue[]): IngestionError {
  return {
    id,
    status: 400,
    message: `Invalid ${what}: ${describeIssues(issues)}.`,
    error: 'invalid_request',
  };
}

/** The id to report a refused event under: its own when it has one. */
export function reportedId(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 ? id : `batch[${index}]`;
}

function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  id: string,
  type: string,
): T | IngestionError {
  const result = schema.safeParse(body);
  return result.success ? result.data : invalid(id, `${type} body`, result.error.issues);
}

/**
 * Checks one event of a batch: its envelope, that Sereno knows its type, and its body
 * against that type's schema. A refusal is reported for that event alone.
 */
export function parseIngestionEvent(raw: unknown, index: number): IngestionEvent | IngestionError {
  const id = reportedId(raw, index);
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return invalid(id, 'event', envelope.error.issues);
  const { type, body, timestamp } = envelope.data;
  const base = { eventId: envelope.data.id, timestamp };

  const kind = eventKindOf(type);
  if (!kind) {
    return {
      id,
      status: 400,
      message: `Unknown event type "${type}".`,
      error: 'unsupported_event_type',
    };
  }
  switch (kind.kind) {
    case 'sdk-log': {
      const parsed = parseBody(sdkLogBodySchema, body, id, type);
      return 'status' in parsed ? parsed : { ...base, kind: 'sdk-log' };
    }
    case 'trace': {
      const parsed = parseBody(traceBodySchema, body, id, type);
      return 'status' in parsed ? parsed : { ...base, kind: 'trace', body: parsed };
    }
    case 'score': {
      const parsed = parseBody(scoreBodySchema, body, id, type);
      return 'status' in parsed ? parsed : { ...base, kind: 'score', body: parsed };
    }
    case 'observation':
      return parseObservation(body, id, type, base, kind);
  }
}

function parseObservation(
  body: unknown,
  id: string,
  type: string,
  base: EventBase,
  kind: { type: ObservationType | undefined; isUpdate: boolean },
): IngestionEvent | IngestionError {
  const parsed = parseBody(observationBodySchema, body, id, type);
  if ('status' in parsed) return parsed;
  const observationType = kind.type ?? parsed.type;
  if (!observationType) {
    return { id, status: 400, message: `A ${type} body needs a type.`, error: 'invalid_request' };
  }
  if (kind.isUpdate && !parsed.id) {
    return { id, status: 400, message: `A ${type} body needs an id.`, error: 'invalid_request' };
  }
  return {
    ...base,
    kind: 'observation',
    type: observationType,
    isUpdate: kind.isUpdate,
    body: parsed,
  };
}
