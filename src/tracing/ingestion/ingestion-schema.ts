import { z } from 'zod';

/**
 * The bodies of Langfuse's ingestion events (`POST /api/public/ingestion`), as its SDKs
 * send them. Every optional field may also be `null`, which means "not said", as Langfuse
 * reads it; unknown fields are dropped.
 */

/** `null` and missing both become `undefined`, so a merge keeps what was stored. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** Ids as Langfuse accepts them: up to 800 characters, no line breaks. */
export const ingestionIdSchema = z
  .string()
  .min(1)
  .max(800)
  .refine((id) => !/[\r\n]/.test(id), { message: 'an id cannot contain a line break' });

/** An ISO 8601 time with its offset, read into epoch milliseconds. */
const isoTimeSchema = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));

const environmentSchema = z
  .string()
  .max(40)
  .regex(/^(?!langfuse)[a-z0-9_-]+$/, {
    message: 'use lower-case letters, digits, "-" and "_", not starting with "langfuse"',
  });

const levelSchema = z.enum(['DEBUG', 'DEFAULT', 'WARNING', 'ERROR']);
const tokenCountSchema = z.number().int().nonnegative();
const usdSchema = z.number().nonnegative();

export const usageUnits = [
  'TOKENS',
  'CHARACTERS',
  'MILLISECONDS',
  'SECONDS',
  'IMAGES',
  'REQUESTS',
] as const;
export type UsageUnit = (typeof usageUnits)[number];

/**
 * The legacy `usage` field: Langfuse's `{input, output, total, unit, inputCost, ...}`,
 * OpenAI's camel-case `{promptTokens, ...}` as the SDKs take it, or OpenAI's own
 * `{prompt_tokens, ...}` as some integrations pass the response's usage through.
 */
export const legacyUsageSchema = z.object({
  input: optional(tokenCountSchema),
  output: optional(tokenCountSchema),
  total: optional(tokenCountSchema),
  unit: optional(z.enum(usageUnits)),
  inputCost: optional(usdSchema),
  outputCost: optional(usdSchema),
  totalCost: optional(usdSchema),
  promptTokens: optional(tokenCountSchema),
  completionTokens: optional(tokenCountSchema),
  totalTokens: optional(tokenCountSchema),
  prompt_tokens: optional(tokenCountSchema),
  completion_tokens: optional(tokenCountSchema),
  total_tokens: optional(tokenCountSchema),
  prompt_tokens_details: optional(z.record(z.string(), tokenCountSchema.nullable())),
  completion_tokens_details: optional(z.record(z.string(), tokenCountSchema.nullable())),
});
export type LegacyUsage = z.infer<typeof legacyUsageSchema>;

/**
 * `usageDetails`: a map of counts by usage key, or an OpenAI usage object (chat
 * completions or responses) whose `*_details` break the counts down.
 */
export const usageDetailsSchema = z.record(
  z.string(),
  z.union([tokenCountSchema, z.record(z.string(), tokenCountSchema.nullable()), z.null()]),
);
export type RawUsageDetails = z.infer<typeof usageDetailsSchema>;

const costDetailsSchema = z.record(z.string(), usdSchema.nullable());

const modelParameterSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
  z.null(),
]);

export const traceBodySchema = z.object({
  id: optional(ingestionIdSchema),
  timestamp: optional(isoTimeSchema),
  name: optional(z.string().max(1000)),
  userId: optional(z.string()),
  sessionId: optional(z.string()),
  release: optional(z.string()),
  version: optional(z.string()),
  environment: optional(environmentSchema),
  metadata: z.unknown().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  tags: optional(z.array(z.string())),
  public: optional(z.boolean()),
});
export type TraceBody = z.infer<typeof traceBodySchema>;

/**
 * One body for every observation event: spans, generations, events, the newer agent,
 * tool, chain, retriever, embedding, evaluator and guardrail observations, and the legacy
 * `observation-*` events, which alone carry `type`.
 */
export const observationBodySchema = z
  .object({
    id: optional(ingestionIdSchema),
    traceId: optional(ingestionIdSchema),
    type: optional(z.enum(['SPAN', 'GENERATION', 'EVENT'])),
    name: optional(z.string()),
    startTime: optional(isoTimeSchema),
    endTime: optional(isoTimeSchema),
    completionStartTime: optional(isoTimeSchema),
    metadata: z.unknown().optional(),
    input: z.unknown().optional(),
    output: z.unknown().optional(),
    level: optional(levelSchema),
    statusMessage: optional(z.string()),
    parentObservationId: optional(ingestionIdSchema),
    version: optional(z.string()),
    environment: optional(environmentSchema),
    model: optional(z.string()),
    modelParameters: optional(z.record(z.string(), modelParameterSchema)),
    usage: optional(legacyUsageSchema),
    usageDetails: optional(usageDetailsSchema),
    costDetails: optional(costDetailsSchema),
    promptName: optional(z.string()),
    promptVersion: optional(z.number().int()),
  })
  .refine((body) => (body.promptName === undefined) === (body.promptVersion === undefined), {
    message: 'promptName and promptVersion go together',
    path: ['promptName'],
  });
export type ObservationBody = z.infer<typeof observationBodySchema>;

export const scoreBodySchema = z
  .object({
    id: optional(ingestionIdSchema),
    name: z.string().min(1),
    traceId: optional(ingestionIdSchema),
    observationId: optional(ingestionIdSchema),
    sessionId: optional(z.string()),
    datasetRunId: optional(z.string()),
    environment: optional(environmentSchema),
    value: z.union([z.number(), z.string()]),
    dataType: optional(z.enum(['NUMERIC', 'BOOLEAN', 'CATEGORICAL'])),
    source: optional(z.enum(['API', 'EVAL', 'ANNOTATION'])),
    comment: optional(z.string()),
    metadata: z.unknown().optional(),
    configId: optional(z.string()),
  })
  .refine((body) => Boolean(body.traceId ?? body.sessionId ?? body.datasetRunId), {
    message: 'a score needs a traceId, a sessionId or a datasetRunId',
    path: ['traceId'],
  })
  .refine((body) => valueFitsDataType(body.value, body.dataType), {
    message: 'the value does not fit the data type',
    path: ['value'],
  });
export type ScoreBody = z.infer<typeof scoreBodySchema>;

function valueFitsDataType(value: number | string, dataType: string | undefined): boolean {
  if (dataType === 'CATEGORICAL') return typeof value === 'string';
  if (dataType === 'BOOLEAN') return value === 0 || value === 1;
  if (dataType === 'NUMERIC') return typeof value === 'number';
  return true;
}

export const sdkLogBodySchema = z.object({ log: z.unknown() });

/** What every event shares: its own id, its type, when the SDK made it, and a body. */
export const eventEnvelopeSchema = z.object({
  id: ingestionIdSchema,
  type: z.string(),
  timestamp: isoTimeSchema,
  body: z.record(z.string(), z.unknown()),
  metadata: z.unknown().optional(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
