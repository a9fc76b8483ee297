import type { ObservationRecord, TraceRecord } from '../trace-records.js';
import type { Attributes, OtlpSpan, OtlpSpanGroup } from './otlp-model.js';
import { langfuseAttributes } from './span-attribute-names.js';
import { booleanAttribute, parseJsonText, stringAttribute } from './span-attributes.js';
import { traceInputOutput } from './span-input-output.js';
import { traceMetadataOf } from './span-metadata.js';
import { environmentOf, versionOf } from './span-to-observation.js';

/** Trace fields without the keys; undefined means "not said". */
export type TraceFields = Omit<TraceRecord, 'projectId' | 'id'>;

/** What one span says about its trace. */
export interface TraceContribution {
  traceId: string;
  /** Fields the span's attributes set on purpose. */
  declared: TraceFields;
  /** Fields a root span gives when nothing declares them: its name, input and output. */
  defaults: TraceFields;
  isRoot: boolean;
  startTime: number;
}

/** Tags arrive as a list, as JSON text of a list, or as comma-separated text. */
function tagsOf(attributes: Attributes): string[] | undefined {
  const value = parseJsonText(attributes[langfuseAttributes.traceTags]);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim() !== '') {
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  }
  return undefined;
}

/**
 * A span starts its trace when it has no parent, when the SDK says it does
 * (`as_root`), or when it is the first span of the app that is exported at all.
 */
export function isTraceRoot(span: OtlpSpan): boolean {
  return (
    span.parentSpanId === undefined ||
    booleanAttribute(span.attributes, langfuseAttributes.asRoot) === true ||
    booleanAttribute(span.attributes, langfuseAttributes.isAppRoot) === true
  );
}

/** The trace fields a span sets, and those its observation gives when it is the root. */
export function traceContributionOf(
  span: OtlpSpan,
  group: OtlpSpanGroup,
  observation: ObservationRecord,
): TraceContribution {
  const attributes = span.attributes;
  const isRoot = isTraceRoot(span);
  const declared: TraceFields = {
    name: stringAttribute(attributes, langfuseAttributes.traceName),
    userId: stringAttribute(attributes, ...langfuseAttributes.userId),
    sessionId: stringAttribute(attributes, ...langfuseAttributes.sessionId),
    tags: tagsOf(attributes),
    public: booleanAttribute(attributes, langfuseAttributes.tracePublic),
    metadata: traceMetadataOf(span, group),
    release:
      stringAttribute(attributes, langfuseAttributes.release) ??
      stringAttribute(group.resource, langfuseAttributes.release),
    version: versionOf(span, group),
    environment: environmentOf(span, group),
    ...traceInputOutput(attributes),
  };
  const defaults: TraceFields = isRoot
    ? { name: span.name, input: observation.input, output: observation.output }
    : {};
  return {
    traceId: span.traceId,
    declared,
    defaults,
    isRoot,
    startTime: observation.startTime ?? 0,
  };
}
