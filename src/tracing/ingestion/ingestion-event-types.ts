import { observationTypes, type ObservationType } from '../trace-records.js';

/** What an event type does: which record it writes, and of which observation type. */
export type EventKind =
  | { kind: 'trace' }
  | { kind: 'score' }
  | { kind: 'sdk-log' }
  /** `type` is undefined for the legacy events, whose body says it. */
  | { kind: 'observation'; type: ObservationType | undefined; isUpdate: boolean };

/**
 * Each observation type has a create and an update event named after it, but for EVENT:
 * an event is written once, so Langfuse has no `event-update`.
 */
function observationKinds(): Record<string, EventKind> {
  const kinds: Record<string, EventKind> = {
    'event-create': { kind: 'observation', type: 'EVENT', isUpdate: false },
    'observation-create': { kind: 'observation', type: undefined, isUpdate: false },
    'observation-update': { kind: 'observation', type: undefined, isUpdate: true },
  };
  for (const type of observationTypes.filter((type) => type !== 'EVENT')) {
    const prefix = type.toLowerCase();
    kinds[`${prefix}-create`] = { kind: 'observation', type, isUpdate: false };
    kinds[`${prefix}-update`] = { kind: 'observation', type, isUpdate: true };
  }
  return kinds;
}

const eventKinds: Record<string, EventKind> = {
  'trace-create': { kind: 'trace' },
  'score-create': { kind: 'score' },
  'sdk-log': { kind: 'sdk-log' },
  ...observationKinds(),
};

/** The kind of a Langfuse ingestion event type; undefined for a type Sereno does not know. */
export function eventKindOf(type: string): EventKind | undefined {
  return Object.hasOwn(eventKinds, type) ? eventKinds[type] : undefined;
}
