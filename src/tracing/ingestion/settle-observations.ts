import type { ObservationRecord, ObservationType } from '../trace-records.js';
import type { ObservationDraft } from './event-writes.js';
import type { IngestionError } from './parse-event.js';
import type { StoredObservation } from './stored-observations.js';

export interface SettledObservations {
  records: { record: ObservationRecord; eventId: string }[];
  errors: { eventId: string; error: Omit<IngestionError, 'id'> }[];
}

/** What the batch itself says of each observation's trace and type, from any of its events. */
function batchFacts(drafts: ObservationDraft[]) {
  const traceIds = new Map<string, string>();
  const createdTypes = new Map<string, ObservationType>();
  for (const { record, isUpdate } of drafts) {
    if (record.traceId && !traceIds.has(record.id)) traceIds.set(record.id, record.traceId);
    if (!isUpdate && !createdTypes.has(record.id)) createdTypes.set(record.id, record.type);
  }
  return { traceIds, createdTypes };
}

/**
 * Gives every observation its trace and type. An event without a trace id takes the one
 * another event of the batch or the store gives the observation; with none anywhere it is
 * refused, since Sereno cannot tell which trace it belongs to. An update keeps the type its
 * create gave (a `span-update` of an agent leaves it an agent).
 */
export function settleObservations(
  drafts: ObservationDraft[],
  stored: ReadonlyMap<string, StoredObservation>,
): SettledObservations {
  const { traceIds, createdTypes } = batchFacts(drafts);
  const settled: SettledObservations = { records: [], errors: [] };
  for (const draft of drafts) {
    const { record } = draft;
    const known = stored.get(record.id);
    const traceId = record.traceId ?? traceIds.get(record.id) ?? known?.traceId;
    if (!traceId) {
      settled.errors.push({
        eventId: draft.eventId,
        error: {
          status: 400,
          message: `Observation ${record.id} names no traceId, and Sereno has not seen it before.`,
          error: 'invalid_request',
        },
      });
      continue;
    }
    const type = draft.isUpdate
      ? (createdTypes.get(record.id) ?? known?.type ?? record.type)
      : record.type;
    settled.records.push({ record: { ...record, traceId, type }, eventId: draft.eventId });
  }
  return settled;
}

/** Langfuse shows an observation's trace even when no trace-create named it: one is made. */
export function tracesOf(records: ObservationRecord[]): { projectId: string; id: string }[] {
  const seen = new Map<string, { projectId: string; id: string }>();
  for (const record of records) {
    seen.set(`${record.projectId}\u0000${record.traceId}`, {
      projectId: record.projectId,
      id: record.traceId,
    });
  }
  return [...seen.values()];
}

/**
 * The SDKs send a trace's time again with every update of it; the earliest one is when
 * the trace began. Keeps only the earliest time per trace among the batch and the store,
 * on the trace's last write, so that later-wins merging cannot move it forward.
 */
export function keepEarliestTraceTimes(
  records: { id: string; timestamp?: number }[],
  storedTimes: ReadonlyMap<string, number>,
): void {
  const earliest = new Map<string, number>();
  for (const record of records) {
    if (record.timestamp === undefined) continue;
    earliest.set(record.id, Math.min(record.timestamp, earliest.get(record.id) ?? Infinity));
  }
  const lastIndex = new Map<string, number>();
  records.forEach((record, index) => lastIndex.set(record.id, index));
  records.forEach((record, index) => {
    const time = earliest.get(record.id);
    const stored = storedTimes.get(record.id);
    const keep = time !== undefined && lastIndex.get(record.id) === index;
    record.timestamp = keep && (stored === undefined || time < stored) ? time : undefined;
  });
}
