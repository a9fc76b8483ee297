import type { TraceWrite } from '../trace-records.js';
import type { OtlpExport } from './otlp-model.js';
import { observationOfSpan } from './span-to-observation.js';
import { traceContributionOf, type TraceContribution, type TraceFields } from './span-to-trace.js';

interface TraceDraft {
  declared: TraceFields;
  defaults: TraceFields;
  rootStart?: number;
  earliestStart: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Later spans win field by field; metadata merges key by key and tags add up. */
function mergeFields(into: TraceFields, from: TraceFields): void {
  const target = into as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined) continue;
    const previous = target[key];
    if (key === 'metadata' && isPlainObject(previous) && isPlainObject(value)) {
      target[key] = { ...previous, ...value };
    } else if (key === 'tags' && Array.isArray(previous) && Array.isArray(value)) {
      target[key] = [...new Set([...previous, ...value])];
    } else {
      target[key] = value;
    }
  }
}

function addContribution(drafts: Map<string, TraceDraft>, contribution: TraceContribution): void {
  const draft = drafts.get(contribution.traceId) ?? {
    declared: {},
    defaults: {},
    earliestStart: contribution.startTime,
  };
  mergeFields(draft.declared, contribution.declared);
  mergeFields(draft.defaults, contribution.defaults);
  draft.earliestStart = Math.min(draft.earliestStart, contribution.startTime);
  if (contribution.isRoot) draft.rootStart = contribution.startTime;
  drafts.set(contribution.traceId, draft);
}

/**
 * The trace writes for decoded spans: one observation per span, and one trace per trace
 * id, built from every span of the request that names it. Fields the spans declare win
 * over those the root span gives by default, whatever order the spans came in.
 *
 * The trace's timestamp is its root span's start. When the root span is not in the
 * request (a child exported before its parent ended), the earliest start in the request
 * stands in until the root arrives. A span exported after its root, in a later request,
 * therefore moves the trace's timestamp to its own start: the store keeps the latest
 * value written, not the earliest.
 */
export function otlpToTraceWrites(spans: OtlpExport, projectId: string): TraceWrite[] {
  const drafts = new Map<string, TraceDraft>();
  const observations: TraceWrite[] = [];
  for (const group of spans.groups) {
    for (const span of group.spans) {
      const observation = observationOfSpan(span, group, projectId);
      observations.push({ kind: 'observation', record: observation });
      addContribution(drafts, traceContributionOf(span, group, observation));
    }
  }
  const traces: TraceWrite[] = [...drafts].map(([id, draft]) => {
    const record = { projectId, id, ...draft.defaults };
    mergeFields(record, draft.declared);
    return {
      kind: 'trace',
      record: { ...record, timestamp: draft.rootStart ?? draft.earliestStart },
    };
  });
  return [...traces, ...observations];
}
