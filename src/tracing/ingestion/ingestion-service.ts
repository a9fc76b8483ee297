import { z } from 'zod';
import { BadRequestError, RateLimitError } from '../../errors/sereno-error.js';
import type { PriceTable } from '../../pricing/price-table.js';
import type { SerenoDatabase } from '../../store/open-database.js';
import type { Clock } from '../../time/clock.js';
import type { ScoreRecord, TraceRecord, TraceWrite } from '../trace-records.js';
import { TraceQueueFullError, type TraceWriter } from '../trace-writer.js';
import {
  observationDraftOf,
  scoreRecordOf,
  traceRecordOf,
  type ObservationDraft,
} from './event-writes.js';
import type { UsageUnit } from './ingestion-schema.js';
import { findReceipts, InFlightEvents } from './ingestion-receipts.js';
import {
  parseIngestionEvent,
  reportedId,
  type IngestionError,
  type IngestionEvent,
} from './parse-event.js';
import { priceWrites } from './price-writes.js';
import { keepEarliestTraceTimes, settleObservations, tracesOf } from './settle-observations.js';
import { findStoredObservations, findStoredTraceTimes } from './stored-observations.js';

export interface IngestionServiceOptions {
  db: SerenoDatabase;
  traceWriter: Pick<TraceWriter, 'write'>;
  clock: Clock;
  /** The largest event, as JSON, that is taken; a larger one is refused alone. */
  maxEventBytes?: number;
  priceTable?: PriceTable;
}

/** The answer of `POST /api/public/ingestion`, sent with status 207. */
export interface IngestionResult {
  successes: { id: string; status: number }[];
  errors: IngestionError[];
}

/**
 * The Langfuse SDKs cap an event at 1,000,000 bytes of JSON before they send it; a little
 * more is taken so that nothing an SDK sends is refused.
 */
export const defaultMaxEventBytes = 1024 * 1024;

/** Seconds a client should wait when the trace queue is full; the writer drains it in less. */
const queueFullRetryAfterSeconds = 1;

const ingestionRequestSchema = z.object({
  batch: z.array(z.unknown()),
  metadata: z.unknown().optional(),
});

function readBatch(body: unknown): unknown[] {
  const parsed = ingestionRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data.batch;
  throw new BadRequestError('The body must be a JSON object with a "batch" list of events.', {
    code: 'invalid_request',
    param: 'batch',
  });
}

interface Parsed {
  events: IngestionEvent[];
  errors: IngestionError[];
  /** Ids of events that came again later in the same batch: acknowledged, applied once. */
  repeated: string[];
}

/** The writes of the fresh events, and the events refused while working them out. */
interface Planned {
  writes: TraceWrite[];
  refused: IngestionError[];
}

/**
 * Langfuse's batch ingestion. Each event is checked alone: a bad one is reported in
 * `errors` and the rest are kept. The answer comes once the batch is durable, and an
 * event is applied at most once: a receipt of its id is written in the same transaction
 * as its data, so a replayed batch, even after a restart, is acknowledged and skipped.
 */
export class IngestionService {
  private readonly inFlight = new InFlightEvents();

  constructor(private readonly options: IngestionServiceOptions) {}

  async ingest(projectId: string, body: unknown): Promise<IngestionResult> {
    const { events, errors, repeated } = this.parse(readBatch(body));
    const release = await this.inFlight.claim(
      events.map((event) => `${projectId}\u0000${event.eventId}`),
    );
    try {
      const applied = await findReceipts(
        this.options.db,
        projectId,
        events.map((event) => event.eventId),
      );
      const fresh = events.filter((event) => !applied.has(event.eventId));
      const { writes, refused } = await this.plan(fresh, projectId);
      await this.write(writes);
      const refusedIds = new Set(refused.map((error) => error.id));
      const successes = [...events.map((event) => event.eventId), ...repeated]
        .filter((id) => !refusedIds.has(id))
        .map((id) => ({ id, status: 201 }));
      return { successes, errors: [...errors, ...refused] };
    } finally {
      release();
    }
  }

  /** Checks each event alone; a second event with an id already in the batch is a replay. */
  private parse(batch: unknown[]): Parsed {
    const maxBytes = this.options.maxEventBytes ?? defaultMaxEventBytes;
    const parsed: Parsed = { events: [], errors: [], repeated: [] };
    const seen = new Set<string>();
    batch.forEach((raw, index) => {
      const bytes = Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
      const event: IngestionEvent | IngestionError =
        bytes > maxBytes ? tooLarge(raw, index, bytes, maxBytes) : parseIngestionEvent(raw, index);
      if ('status' in event) parsed.errors.push(event);
      else if (seen.has(event.eventId)) parsed.repeated.push(event.eventId);
      else {
        seen.add(event.eventId);
        parsed.events.push(event);
      }
    });
    return parsed;
  }

  private async plan(events: IngestionEvent[], projectId: string): Promise<Planned> {
    const { drafts, traces, scores } = collect(events, projectId);
    const { db } = this.options;
    const unsettled = drafts.filter((draft) => draft.isUpdate || !draft.record.traceId);
    const stored = await findStoredObservations(
      db,
      projectId,
      unsettled.map((draft) => draft.record.id),
    );
    const { records, errors } = settleObservations(drafts, stored);
    const timed = traces.filter((trace) => trace.timestamp !== undefined).map((trace) => trace.id);
    keepEarliestTraceTimes(traces, await findStoredTraceTimes(db, projectId, timed));

    const observations = records.map(({ record }) => record);
    const writes: TraceWrite[] = [
      ...tracesOf(observations).map((record) => ({ kind: 'trace' as const, record })),
      ...traces.map((record) => ({ kind: 'trace' as const, record })),
      ...observations.map((record) => ({ kind: 'observation' as const, record })),
      ...scores.map((record) => ({ kind: 'score' as const, record })),
    ];
    const priced = await priceWrites(writes, projectId, db, {
      priceTable: this.options.priceTable,
      usageUnits: usageUnitsOf(drafts),
      clock: this.options.clock,
    });

    const refused = new Set(errors.map((error) => error.eventId));
    for (const event of events) {
      if (refused.has(event.eventId)) continue;
      priced.push({ kind: 'receipt', record: { projectId, eventId: event.eventId } });
    }
    return {
      writes: priced,
      refused: errors.map(({ eventId, error }) => ({ id: eventId, ...error })),
    };
  }

  private async write(writes: TraceWrite[]): Promise<void> {
    try {
      await this.options.traceWriter.write(writes);
    } catch (error) {
      if (!(error instanceof TraceQueueFullError)) throw error;
      throw new RateLimitError('The trace queue is full; nothing of this batch was stored.', {
        code: 'trace_queue_full',
        headers: { 'retry-after': String(queueFullRetryAfterSeconds) },
      });
    }
  }
}

function tooLarge(raw: unknown, index: number, bytes: number, maxBytes: number): IngestionError {
  return {
    id: reportedId(raw, index),
    status: 413,
    message: `The event is ${bytes} bytes of JSON; the most Sereno takes is ${maxBytes}.`,
    error: 'event_too_large',
  };
}

/** The records each kind of event writes, in the order of the batch. */
function collect(events: IngestionEvent[], projectId: string) {
  const drafts: ObservationDraft[] = [];
  const traces: TraceRecord[] = [];
  const scores: ScoreRecord[] = [];
  for (const event of events) {
    if (event.kind === 'observation') drafts.push(observationDraftOf(event, projectId));
    else if (event.kind === 'trace') traces.push(traceRecordOf(event, projectId));
    else if (event.kind === 'score') scores.push(scoreRecordOf(event, projectId));
  }
  return { drafts, traces, scores };
}

function usageUnitsOf(drafts: ObservationDraft[]): Map<string, UsageUnit> {
  const units = new Map<string, UsageUnit>();
  for (const draft of drafts) if (draft.unit) units.set(draft.record.id, draft.unit);
  return units;
}
