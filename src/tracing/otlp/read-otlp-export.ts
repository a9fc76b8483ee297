import { z } from 'zod';
import { BadRequestError } from '../../errors/sereno-error.js';
import { readAttributes } from './any-value.js';
import type { IdEncoding } from './otlp-ids.js';
import type { OtlpExport, OtlpSpanGroup } from './otlp-model.js';
import { readOtlpSpan } from './read-otlp-span.js';

/** An export request's envelope; spans are read one by one, so a bad span is one rejection. */
const exportSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: z.array(z.unknown()).nullish() }).nullish(),
        scopeSpans: z
          .array(
            z.object({
              scope: z
                .object({
                  name: z.string().nullish(),
                  version: z.string().nullish(),
                  attributes: z.array(z.unknown()).nullish(),
                })
                .nullish(),
              spans: z.array(z.unknown()).nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/** The partial success message names this many rejected spans at most. */
const maxRejectionsNamed = 5;

type ScopeSpans = NonNullable<
  NonNullable<z.infer<typeof exportSchema>['resourceSpans']>[number]['scopeSpans']
>[number];

function readGroup(
  scopeSpans: ScopeSpans,
  resource: OtlpSpanGroup['resource'],
  path: string,
  encoding: IdEncoding,
  result: OtlpExport,
): void {
  const group: OtlpSpanGroup = {
    resource,
    scope: {
      name: scopeSpans.scope?.name ?? '',
      version: scopeSpans.scope?.version || undefined,
      attributes: readAttributes(scopeSpans.scope?.attributes),
    },
    spans: [],
  };
  (scopeSpans.spans ?? []).forEach((raw, index) => {
    const span = readOtlpSpan(raw, encoding);
    if (!('problem' in span)) {
      group.spans.push(span);
      return;
    }
    result.rejectedSpans += 1;
    if (result.rejections.length < maxRejectionsNamed) {
      result.rejections.push(`${path}.spans[${index}]: ${span.problem}`);
    }
  });
  if (group.spans.length > 0) result.groups.push(group);
}

/**
 * Reads an export request in OTLP/JSON's shape, as parsed JSON or as a decoded protobuf
 * message. A body of another shape is a 400; a span that cannot be read is rejected and
 * counted while the others are kept.
 */
export function readOtlpExport(body: unknown, encoding: IdEncoding): OtlpExport {
  const parsed = exportSchema.safeParse(body);
  if (!parsed.success) {
    throw new BadRequestError(
      'The body is not an OTLP trace export request: expected an object with resourceSpans.',
      { code: 'invalid_request' },
    );
  }
  const result: OtlpExport = { groups: [], rejectedSpans: 0, rejections: [] };
  (parsed.data.resourceSpans ?? []).forEach((resourceSpans, resourceIndex) => {
    const resource = readAttributes(resourceSpans.resource?.attributes);
    (resourceSpans.scopeSpans ?? []).forEach((scopeSpans, scopeIndex) => {
      const path = `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}]`;
      readGroup(scopeSpans, resource, path, encoding, result);
    });
  });
  return result;
}
