import { z } from 'zod';

/**
 * The body of `POST /v1/messages`, Anthropic's Messages API. Known fields are checked for
 * their type; Sereno translates the request into its OpenAI-shaped internal request (see
 * `to-chat-request.ts`), so what has no counterpart there is handled as follows:
 *
 * - `cache_control`, top-level or on any block or tool, is accepted and ignored: no
 *   prompt-cache breakpoint reaches the upstream, so an Anthropic upstream caches nothing
 *   for this route and every call pays the full input price.
 * - `thinking` and `redacted_thinking` blocks of earlier assistant turns are accepted and
 *   dropped, as is the top-level `thinking` setting: an OpenAI-shaped request has no place
 *   for them, so a model that thinks gets no earlier thinking back and no thinking budget.
 * - `document` blocks are translated when their source is a base64 PDF (to an OpenAI
 *   `file` part) or plain text (to a text part); other sources, and images with a `file`
 *   source, are refused with a 400 that says so. Document `citations` are not produced.
 * - Server tools (a tool with a `type` other than `custom`, such as
 *   `web_search_20250305`) are refused with a 400.
 * - `top_k` reaches the upstream only when every deployment that may serve the request
 *   speaks Anthropic's protocol; OpenAI's API rejects it.
 * - `output_config.format` (a JSON schema for the answer) becomes OpenAI's
 *   `response_format`, without `strict`: OpenAI's strict mode refuses schemas that do not
 *   list every property as required, so the schema steers the answer but, unlike on
 *   Anthropic's API, does not bind it. `output_config.effort` is dropped.
 * - Any other field (`service_tier`, `container`, `mcp_servers`, `speed`, `inference_geo`,
 *   ...) is accepted and not forwarded.
 */

const cacheControl = z.object({ type: z.string() }).loose().nullable().optional();

export const textBlockSchema = z
  .object({ type: z.literal('text'), text: z.string(), cache_control: cacheControl })
  .loose();

const base64Source = z
  .object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string().min(1) })
  .loose();
const urlSource = z.object({ type: z.literal('url'), url: z.string().min(1) }).loose();
const fileSource = z.object({ type: z.literal('file'), file_id: z.string() }).loose();

export const imageBlockSchema = z
  .object({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
    cache_control: cacheControl,
  })
  .loose();

/** Its source is checked by the translator, which takes only some kinds (see there). */
export const documentBlockSchema = z
  .object({
    type: z.literal('document'),
    source: z
      .object({ type: z.string(), media_type: z.string().optional(), data: z.unknown().optional() })
      .loose(),
    title: z.string().nullable().optional(),
    cache_control: cacheControl,
  })
  .loose();

const toolResultPart = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  documentBlockSchema,
]);

export const toolResultBlockSchema = z
  .object({
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(toolResultPart)]).optional(),
    is_error: z.boolean().optional(),
    cache_control: cacheControl,
  })
  .loose();

export const toolUseBlockSchema = z
  .object({
    type: z.literal('tool_use'),
    id: z.string().min(1),
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()),
    cache_control: cacheControl,
  })
  .loose();

const thinkingBlock = z
  .object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().optional() })
  .loose();
const redactedThinkingBlock = z
  .object({ type: z.literal('redacted_thinking'), data: z.string() })
  .loose();

const userBlock = z.discriminatedUnion('type', [
  textBlockSchema,
  imageBlockSchema,
  toolResultBlockSchema,
  documentBlockSchema,
]);
const assistantBlock = z.discriminatedUnion('type', [
  textBlockSchema,
  toolUseBlockSchema,
  thinkingBlock,
  redactedThinkingBlock,
]);

const userMessage = z
  .object({ role: z.literal('user'), content: z.union([z.string(), z.array(userBlock)]) })
  .loose();
const assistantMessage = z
  .object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantBlock)]),
  })
  .loose();

const systemMessage = z
  .object({ role: z.literal('system'), content: z.union([z.string(), z.array(textBlockSchema)]) })
  .loose();

export const messageParamSchema = z.discriminatedUnion('role', [
  userMessage,
  assistantMessage,
  systemMessage,
]);

/** A tool without a `type`, or with `type: custom`, is the client's own function. */
export function isCustomTool(tool: { type?: string | undefined }): boolean {
  return tool.type === undefined || tool.type === 'custom';
}

export const toolSchema = z
  .object({
    type: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    cache_control: cacheControl,
  })
  .loose()
  .refine((tool) => !isCustomTool(tool) || tool.input_schema !== undefined, {
    message: 'a custom tool needs an input_schema',
    path: ['input_schema'],
  });

const parallelSwitch = { disable_parallel_tool_use: z.boolean().optional() };

export const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), ...parallelSwitch }).loose(),
  z.object({ type: z.literal('any'), ...parallelSwitch }).loose(),
  z.object({ type: z.literal('tool'), name: z.string().min(1), ...parallelSwitch }).loose(),
  z.object({ type: z.literal('none') }).loose(),
]);

/**
 * What a Messages request says apart from its output limit: the body of
 * `POST /v1/messages/count_tokens`, which takes no `max_tokens`.
 */
export const messagesInputSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().positive().optional(),
    messages: z.array(messageParamSchema).min(1),
    system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
    tools: z.array(toolSchema).optional(),
    tool_choice: toolChoiceSchema.optional(),
    stop_sequences: z.array(z.string()).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
    top_k: z.number().int().min(0).optional(),
    metadata: z.object({ user_id: z.string().nullable().optional() }).loose().optional(),
    stream: z.boolean().optional(),
    output_config: z
      .object({
        format: z
          .object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
          .loose()
          .nullable()
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export const messagesRequestSchema = messagesInputSchema.extend({
  max_tokens: z.number().int().positive(),
});

export type MessagesInput = z.infer<typeof messagesInputSchema>;
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type MessageParam = z.infer<typeof messageParamSchema>;
export type TextBlockParam = z.infer<typeof textBlockSchema>;
export type ImageBlockParam = z.infer<typeof imageBlockSchema>;
export type DocumentBlockParam = z.infer<typeof documentBlockSchema>;
export type ToolResultBlockParam = z.infer<typeof toolResultBlockSchema>;
export type ToolUseBlockParam = z.infer<typeof toolUseBlockSchema>;
export type ToolParam = z.infer<typeof toolSchema>;
export type ToolChoiceParam = z.infer<typeof toolChoiceSchema>;
