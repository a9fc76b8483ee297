import type { ObservationType } from '../trace-records.js';

/** What an event type does: which record it writes, and of which observation type. */
export type EventKind =
  | { kind: 'trace' }
  | { kind: 'score' }
  | { kind: 'sdk-log' }
  /** `type` is undefined for the legacy events, whose body says it. */
  | { kind: 'observation'; type: ObservationType | undefined; isUpdate: boolean };

const newerObservationTypes: ObservationType[] = [
  'AGENT',
  'TOOL',
  'CHAIN',
  'RETRIEVER',
  'EMBEDDING',
  'EVALUATOR',
  'GUARDRAIL',
];

function observationKinds(): Record<string, EventKind> {
  const kinds: Record<string, EventKind> = {
    'span-create': { kind: 'observation', type: 'SPAN', isUpdate: false },
    'span-update': { kind: 'observation', type: 'SPAN', isUpdate: true },
    'generation-create': { kind: 'observation', type: 'GENERATION', isUpdate: false },
    'generation-update': { kind: 'observation', type: 'GENERATION', isUpdate: true },
    'event-create': { kind: 'observation', type: 'EVENT', isUpdate: false },
    'observation-create': { kind: 'observation', type: undefined, isUpdate: false },
    'observation-update': { kind: 'observation', type: undefined, isUpdate: true },
  };
  for (const type of newerObservationTypes) {
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
