import type { ObservationLevel, ObservationRecord } from '../trace-records.js';
import type { Attributes, OtlpSpan, OtlpSpanGroup } from './otlp-model.js';
import { genAiAttributes, langfuseAttributes } from './span-attribute-names.js';
import {
  booleanAttribute,
  attributesUnder,
  numberAttribute,
  objectAttribute,
  parseJsonText,
  stringAttribute,
} from './span-attributes.js';
import { observationInputOutput } from './span-input-output.js';
import { observationMetadataOf } from './span-metadata.js';
import { observationTypeOf } from './span-observation-type.js';
import { costOf, usageDetailsOf } from './span-usage.js';
import { nanosToMs } from './unix-nanos.js';

const levels: readonly string[] = ['DEBUG', 'DEFAULT', 'WARNING', 'ERROR'];
const statusError = 2;

/** The SDK serialises its Date as JSON, so the time arrives quoted: `"\"2025-...Z\""`. */
function completionStartTimeOf(attributes: Attributes): number | undefined {
  const value = parseJsonText(attributes[langfuseAttributes.completionStartTime]);
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function levelOf(span: OtlpSpan): ObservationLevel | undefined {
  const declared = stringAttribute(span.attributes, langfuseAttributes.level)?.toUpperCase();
  if (declared && levels.includes(declared)) return declared as ObservationLevel;
  return span.statusCode === statusError ? 'ERROR' : undefined;
}

/** The declared message, else the span status's, else a recorded exception's. */
function statusMessageOf(span: OtlpSpan): string | undefined {
  const declared = stringAttribute(span.attributes, langfuseAttributes.statusMessage);
  if (declared ?? span.statusMessage) return declared ?? span.statusMessage;
  if (span.statusCode !== statusError) return undefined;
  const exception = span.events.find((event) => event.name === 'exception');
  if (!exception) return undefined;
  const type = stringAttribute(exception.attributes, 'exception.type');
  const message = stringAttribute(exception.attributes, 'exception.message');
  return [type, message].filter(Boolean).join(': ') || undefined;
}

/** Parameters the SDK set, else every `gen_ai.request.*` attribute but the model. */
function modelParametersOf(attributes: Attributes): Record<string, unknown> | undefined {
  const declared = objectAttribute(attributes, langfuseAttributes.modelParameters);
  if (declared) return declared;
  const entries = attributesUnder(attributes, genAiAttributes.requestPrefix).filter(
    ([key]) => key !== 'model',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** The deployment environment, on the span or on its resource. */
export function environmentOf(span: OtlpSpan, group: OtlpSpanGroup): string | undefined {
  return (
    stringAttribute(span.attributes, ...langfuseAttributes.environment) ??
    stringAttribute(group.resource, ...langfuseAttributes.environment)
  );
}

/** A version the SDK set, else the service's version. */
export function versionOf(span: OtlpSpan, group: OtlpSpanGroup): string | undefined {
  return (
    stringAttribute(span.attributes, langfuseAttributes.version) ??
    stringAttribute(group.resource, 'service.version')
  );
}

/**
 * The span's parent, except for the span the Langfuse SDK marks as its app's root: its
 * parent (an HTTP server span, say) is never exported, and a link to it would leave the
 * observation hanging outside the trace's tree.
 */
function parentOf(span: OtlpSpan): string | undefined {
  return booleanAttribute(span.attributes, langfuseAttributes.isAppRoot)
    ? undefined
    : span.parentSpanId;
}

/** One span as the observation Langfuse makes of it. */
export function observationOfSpan(
  span: OtlpSpan,
  group: OtlpSpanGroup,
  projectId: string,
): ObservationRecord {
  const attributes = span.attributes;
  const model = stringAttribute(attributes, langfuseAttributes.model, ...genAiAttributes.model);
  const usageDetails = usageDetailsOf(attributes);
  const cost = costOf(attributes);
  const { input, output } = observationInputOutput(span);
  const promptVersion = numberAttribute(attributes, langfuseAttributes.promptVersion);

  return {
    projectId,
    id: span.spanId,
    traceId: span.traceId,
    parentObservationId: parentOf(span),
    type: observationTypeOf(attributes, { hasModel: !!model, hasUsage: !!usageDetails }),
    name: span.name,
    startTime: nanosToMs(span.startTimeUnixNano),
    endTime: span.endTimeUnixNano === undefined ? undefined : nanosToMs(span.endTimeUnixNano),
    completionStartTime: completionStartTimeOf(attributes),
    level: levelOf(span),
    statusMessage: statusMessageOf(span),
    version: versionOf(span, group),
    environment: environmentOf(span, group),
    model,
    modelParameters: modelParametersOf(attributes),
    input,
    output,
    metadata: observationMetadataOf(span, group),
    usageDetails,
    costDetails: cost?.costDetails,
    totalCost: cost?.totalCost,
    promptName: stringAttribute(attributes, langfuseAttributes.promptName),
    promptVersion: Number.isInteger(promptVersion) ? promptVersion : undefined,
  };
}
