import type { Attributes, OtlpSpan, OtlpSpanGroup } from './otlp-model.js';
import { langfuseAttributes } from './span-attribute-names.js';
import { isContentAttribute } from './span-input-output.js';
import { attributesUnder, objectAttribute, parseJsonStructure } from './span-attributes.js';

/** The Langfuse SDKs' tracer; their spans carry nothing worth repeating as raw attributes. */
const langfuseTracerName = 'langfuse-sdk';

/**
 * Metadata the SDK flattened under `prefix.` (each value JSON text when it was not a
 * string), or set whole on `prefix`, as one object; undefined when there is none.
 */
export function metadataUnder(
  attributes: Attributes,
  prefix: string,
): Record<string, unknown> | undefined {
  const whole = objectAttribute(attributes, prefix) ?? {};
  const entries = attributesUnder(attributes, prefix).map(([key, value]) => [
    key,
    parseJsonStructure(value),
  ]);
  if (entries.length === 0 && Object.keys(whole).length === 0) return undefined;
  return { ...whole, ...Object.fromEntries(entries) };
}

/** Attributes not already shown as a field of the observation, or as its input and output. */
function remainingAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(
    Object.entries(attributes).filter(
      ([key]) => !key.startsWith('langfuse.') && !isContentAttribute(key),
    ),
  );
}

/**
 * An observation's metadata as Langfuse shows OTel spans: the SDK's observation metadata,
 * the resource and scope that produced the span, and, for spans of other
 * instrumentations, their remaining attributes.
 */
export function observationMetadataOf(
  span: OtlpSpan,
  group: OtlpSpanGroup,
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    ...metadataUnder(span.attributes, langfuseAttributes.observationMetadata),
  };
  if (!group.scope.name.startsWith(langfuseTracerName)) {
    metadata.attributes = remainingAttributes(span.attributes);
  }
  metadata.resourceAttributes = group.resource;
  metadata.scope = { name: group.scope.name, version: group.scope.version };
  return metadata;
}

/** Trace metadata set on the resource or on the span; undefined when neither sets any. */
export function traceMetadataOf(span: OtlpSpan, group: OtlpSpanGroup) {
  const fromResource = metadataUnder(group.resource, langfuseAttributes.traceMetadata);
  const fromSpan = metadataUnder(span.attributes, langfuseAttributes.traceMetadata);
  if (!fromResource && !fromSpan) return undefined;
  return { ...fromResource, ...fromSpan };
}
