import { z } from 'zod';

/**
 * The config file as users write it: LiteLLM's `config.yaml` shape plus Sereno's own
 * sections. Objects are loose so that keys Sereno does not act on survive parsing and can
 * be reported; `find-unknown-keys.ts` lists them from this schema.
 */

const numberLike = z.union(
  [
    z.number(),
    z
      .string()
      .regex(/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/)
      .transform(Number),
  ],
  { error: 'expected a number' },
);
const positiveNumber = numberLike.pipe(z.number().positive());
const nonNegativeNumber = numberLike.pipe(z.number().nonnegative());
const nonNegativeInteger = numberLike.pipe(z.number().int().nonnegative());
const booleanLike = z.union(
  [z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')],
  { error: 'expected true or false' },
);

const priceFields = {
  input_cost_per_token: nonNegativeNumber.optional(),
  output_cost_per_token: nonNegativeNumber.optional(),
  cache_read_input_token_cost: nonNegativeNumber.optional(),
  cache_creation_input_token_cost: nonNegativeNumber.optional(),
};

const upstreamModelMessage = 'must name the upstream model, as "<provider>/<model>"';

const limitFields = {
  rpm: nonNegativeInteger.optional(),
  tpm: nonNegativeInteger.optional(),
};

export const litellmParamsSchema = z
  .object({
    model: z.string({ error: upstreamModelMessage }).min(1, upstreamModelMessage),
    api_base: z.string().optional(),
    base_url: z.string().optional(),
    api_key: z.string().optional(),
    api_version: z.string().optional(),
    organization: z.string().optional(),
    weight: nonNegativeNumber.optional(),
    order: nonNegativeInteger.optional(),
    timeout: positiveNumber.optional(),
    stream_timeout: positiveNumber.optional(),
    extra_headers: z.record(z.string(), z.string()).optional(),
    ...limitFields,
    ...priceFields,
  })
  .loose();

export const modelInfoSchema = z
  .object({
    id: z.union([z.string(), z.number().transform(String)]).optional(),
    /** Any of LiteLLM's modes; build-deployments skips the ones Sereno cannot serve. */
    mode: z.string().optional(),
    base_model: z.string().optional(),
    max_tokens: nonNegativeInteger.optional(),
    max_input_tokens: nonNegativeInteger.optional(),
    max_output_tokens: nonNegativeInteger.optional(),
    ...priceFields,
  })
  .loose();

export const modelEntrySchema = z
  .object({
    model_name: z.union([z.string().min(1), z.number().transform(String)], {
      error: 'must be the model name clients ask for',
    }),
    litellm_params: litellmParamsSchema,
    model_info: modelInfoSchema.optional(),
    ...limitFields,
  })
  .loose();

const fallbackTargets = z.union([z.array(z.string()), z.string()]);
const fallbackListSchema = z.union(
  [z.array(z.record(z.string(), fallbackTargets)), z.record(z.string(), fallbackTargets)],
  { error: 'expected a list of {model: [fallback models]} maps' },
);

const retryPolicySchema = z
  .object({
    BadRequestErrorRetries: nonNegativeInteger.optional(),
    AuthenticationErrorRetries: nonNegativeInteger.optional(),
    TimeoutErrorRetries: nonNegativeInteger.optional(),
    RateLimitErrorRetries: nonNegativeInteger.optional(),
    ContentPolicyViolationErrorRetries: nonNegativeInteger.optional(),
    InternalServerErrorRetries: nonNegativeInteger.optional(),
  })
  .loose();

const allowedFailsPolicySchema = z
  .object({
    BadRequestErrorAllowedFails: nonNegativeInteger.optional(),
    AuthenticationErrorAllowedFails: nonNegativeInteger.optional(),
    TimeoutErrorAllowedFails: nonNegativeInteger.optional(),
    RateLimitErrorAllowedFails: nonNegativeInteger.optional(),
    ContentPolicyViolationErrorAllowedFails: nonNegativeInteger.optional(),
    InternalServerErrorAllowedFails: nonNegativeInteger.optional(),
  })
  .loose();

/** Keys that may appear under `router_settings` and, in older configs, `litellm_settings`. */
const routingFields = {
  num_retries: nonNegativeInteger.optional(),
  request_timeout: positiveNumber.optional(),
  timeout: positiveNumber.optional(),
  fallbacks: fallbackListSchema.optional(),
  context_window_fallbacks: fallbackListSchema.optional(),
  content_policy_fallbacks: fallbackListSchema.optional(),
  default_fallbacks: z.union([z.array(z.string()), z.string()]).optional(),
  allowed_fails: nonNegativeInteger.optional(),
  cooldown_time: nonNegativeNumber.optional(),
  retry_policy: retryPolicySchema.optional(),
  allowed_fails_policy: allowedFailsPolicySchema.optional(),
};

export const routerSettingsSchema = z
  .object({
    routing_strategy: z
      .enum([
        'simple-shuffle',
        'least-busy',
        'latency-based-routing',
        'usage-based-routing',
        'usage-based-routing-v2',
        'cost-based-routing',
      ])
      .optional(),
    enable_pre_call_checks: booleanLike.optional(),
    max_attempts: positiveNumber.optional(),
    stream_timeout: positiveNumber.optional(),
    ...routingFields,
  })
  .loose();

export const litellmSettingsSchema = z.object({ ...routingFields }).loose();

export const generalSettingsSchema = z
  .object({
    master_key: z.string().optional(),
  })
  .loose();

export const serverSectionSchema = z
  .object({
    host: z.string().optional(),
    port: numberLike.pipe(z.number().int().min(0).max(65535)).optional(),
    body_limit_mb: positiveNumber.optional(),
  })
  .loose();

export const storageSectionSchema = z
  .object({
    data_dir: z.string().optional(),
  })
  .loose();

export const loggingSectionSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  })
  .loose();

export const tracingSectionSchema = z
  .object({
    retention_days: positiveNumber.optional(),
    store_bodies: booleanLike.optional(),
  })
  .loose();

export const initProjectSectionSchema = z
  .object({
    name: z.string().min(1),
    public_key: z.string().min(1).optional(),
    secret_key: z.string().min(1).optional(),
  })
  .loose();

export const configFileSchema = z
  .object({
    model_list: z.array(modelEntrySchema).optional(),
    router_settings: routerSettingsSchema.optional(),
    litellm_settings: litellmSettingsSchema.optional(),
    general_settings: generalSettingsSchema.optional(),
    environment_variables: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional(),
    init_project: initProjectSectionSchema.optional(),
    server: serverSectionSchema.optional(),
    storage: storageSectionSchema.optional(),
    logging: loggingSectionSchema.optional(),
    tracing: tracingSectionSchema.optional(),
  })
  .loose();

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type FallbackList = z.infer<typeof fallbackListSchema>;
export type RouterSettingsFile = z.infer<typeof routerSettingsSchema>;
export type LitellmSettingsFile = z.infer<typeof litellmSettingsSchema>;
