import { z } from 'zod';

/**
 * The body of `POST /v1/chat/completions`. Known fields are checked for their type;
 * fields Sereno does not know pass through to OpenAI-compatible upstreams untouched.
 */

const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const imagePart = z
  .object({
    type: z.literal('image_url'),
    image_url: z.object({ url: z.string().min(1), detail: z.string().optional() }).loose(),
  })
  .loose();
const audioPart = z
  .object({
    type: z.literal('input_audio'),
    input_audio: z.object({ data: z.string(), format: z.string() }).loose(),
  })
  .loose();
const filePart = z.object({ type: z.literal('file'), file: z.object({}).loose() }).loose();
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() }).loose();

export const contentPartSchema = z.discriminatedUnion('type', [
  textPart,
  imagePart,
  audioPart,
  filePart,
  refusalPart,
]);

const textContent = z.union([z.string(), z.array(textPart)]);
const userContent = z.union([z.string(), z.array(contentPartSchema)]);

export const toolCallSchema = z
  .object({
    id: z.string(),
    type: z.literal('function'),
    function: z.object({ name: z.string(), arguments: z.string() }).loose(),
  })
  .loose();

const systemMessage = z
  .object({ role: z.literal('system'), content: textContent, name: z.string().optional() })
  .loose();
const developerMessage = z
  .object({ role: z.literal('developer'), content: textContent, name: z.string().optional() })
  .loose();
const userMessage = z
  .object({ role: z.literal('user'), content: userContent, name: z.string().optional() })
  .loose();
const assistantMessage = z
  .object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(z.union([textPart, refusalPart])), z.null()]).optional(),
    tool_calls: z.array(toolCallSchema).optional(),
    refusal: z.string().nullable().optional(),
    name: z.string().optional(),
  })
  .loose();
const toolMessage = z
  .object({ role: z.literal('tool'), content: textContent, tool_call_id: z.string() })
  .loose();
const functionMessage = z
  .object({ role: z.literal('function'), content: z.string().nullable(), name: z.string() })
  .loose();

export const chatMessageSchema = z.discriminatedUnion('role', [
  systemMessage,
  developerMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  functionMessage,
]);

export const toolSchema = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().min(1),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullable().optional(),
      })
      .loose(),
  })
  .loose();

export const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z
    .object({ type: z.literal('function'), function: z.object({ name: z.string() }).loose() })
    .loose(),
]);

export const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().min(1),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullable().optional(),
        })
        .loose(),
    })
    .loose(),
]);

const positiveInteger = z.number().int().positive();

export const chatRequestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(chatMessageSchema).min(1),
    stream: z.boolean().nullable().optional(),
    stream_options: z
      .object({ include_usage: z.boolean().optional() })
      .loose()
      .nullable()
      .optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    n: positiveInteger.max(128).nullable().optional(),
    max_tokens: positiveInteger.nullable().optional(),
    max_completion_tokens: positiveInteger.nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)])
      .nullable()
      .optional(),
    seed: z.number().int().nullable().optional(),
    user: z.string().optional(),
    tools: z.array(toolSchema).optional(),
    tool_choice: toolChoiceSchema.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: responseFormatSchema.optional(),
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
    disable_fallbacks: z.boolean().optional(),
  })
  .loose();

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ContentPart = z.infer<typeof contentPartSchema>;
export type Tool = z.infer<typeof toolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
export type ResponseFormat = z.infer<typeof responseFormatSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;

/**
 * Fields that steer Sereno (or LiteLLM) and never reach an upstream: trace metadata,
 * per-request routing switches, managed prompt references.
 */
export const gatewayOnlyFields = [
  'metadata',
  'disable_fallbacks',
  'fallbacks',
  'num_retries',
  'prompt',
  'guardrails',
  'mock_response',
  'litellm_metadata',
] as const;
