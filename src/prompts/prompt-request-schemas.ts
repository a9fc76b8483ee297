import { z } from 'zod';
import { latestLabel, type ChatItem } from './prompt-model.js';
import { findVariables } from './template.js';

/** Request bodies and query strings of the prompt routes, as Langfuse's public API takes them. */

/**
 * A prompt name: slashes make folders, so no empty folder and no slash at either end; no
 * `.` or `..` folder or name, which URLs read as "here" and "up" (the SDKs put the name
 * in the path, so such a prompt could never be read back); no `|`, which would end a
 * reference's name; no control characters; at most 255 characters.
 */
export const promptNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !name.includes('|'), { error: 'a prompt name cannot contain "|"' })
  .refine((name) => !/\p{Cc}/u.test(name), {
    error: 'a prompt name cannot hold control characters',
  })
  .refine((name) => !name.startsWith('/') && !name.endsWith('/') && !name.includes('//'), {
    error: 'each folder of a prompt name needs a name: no "/" at either end, no "//"',
  })
  .refine((name) => name.split('/').every((segment) => segment !== '.' && segment !== '..'), {
    error: 'no folder or name of a prompt name may be "." or "..", which URLs read as paths',
  });

/** Labels as Langfuse allows them: lower-case letters, digits, `_`, `-` and `.`, at most 36. */
export const labelSchema = z
  .string()
  .max(36)
  .regex(/^[a-z0-9_.-]+$/, { error: 'a label holds only a-z, 0-9, "_", "-" and "."' });

/** A label a client may set: any but `latest`, which Sereno keeps on the newest version. */
export const settableLabelSchema = labelSchema.refine((label) => label !== latestLabel, {
  error: `"${latestLabel}" always marks the newest version; it cannot be set`,
});

const configSchema = z
  .record(z.string(), z.unknown(), { error: 'config must be a JSON object' })
  .nullish()
  .transform((config) => config ?? {});

const common = {
  name: promptNameSchema,
  config: configSchema,
  labels: z
    .array(labelSchema)
    .default([])
    .transform((labels) => labels.filter((label) => label !== latestLabel)),
  tags: z.array(z.string().min(1).max(100)).optional(),
  commitMessage: z
    .string()
    .max(500)
    .nullish()
    .transform((message) => message ?? null),
};

const chatMessageInput = z
  .object({
    type: z.literal('chatmessage').optional(),
    role: z.string().min(1),
    content: z.string(),
  })
  .transform((message): ChatItem => ({ type: 'chatmessage', ...message }));
const placeholderInput = z.object({ type: z.literal('placeholder'), name: z.string().min(1) });

function refuseSharedNames(items: ChatItem[], context: z.RefinementCtx): void {
  const placeholders = new Set(
    items.flatMap((item) => (item.type === 'placeholder' ? [item.name] : [])),
  );
  const variables = items.flatMap((item) =>
    item.type === 'chatmessage' ? findVariables(item.content) : [],
  );
  const shared = [...new Set(variables.filter((name) => placeholders.has(name)))];
  if (shared.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `${shared.join(', ')} cannot name both a variable and a placeholder`,
    });
  }
}

const textPromptInput = z.object({ ...common, type: z.literal('text'), prompt: z.string() });
const chatPromptInput = z.object({
  ...common,
  type: z.literal('chat'),
  prompt: z
    .array(z.union([placeholderInput, chatMessageInput]))
    .min(1)
    .superRefine(refuseSharedNames),
});

/** `POST /api/public/v2/prompts`; `type` is `text` when the body names none. */
export const createPromptSchema = z.preprocess(
  (body) =>
    body !== null && typeof body === 'object' && !('type' in body)
      ? { ...body, type: 'text' }
      : body,
  z.discriminatedUnion('type', [textPromptInput, chatPromptInput]),
);

export type CreatePromptInput = z.infer<typeof createPromptSchema>;

/** `PATCH /api/public/v2/prompts/{name}/versions/{version}`. */
export const addLabelsSchema = z.object({ newLabels: z.array(settableLabelSchema) });

/** A whole number of at least 1, sent as query-string text. */
export const versionText = z
  .string()
  .regex(/^[1-9]\d*$/, { error: 'expected a whole number of at least 1' })
  .transform(Number);

/** `label` or `version`, as `GET` and `DELETE` of one prompt take them. */
export const promptSelectorQuerySchema = z.object({
  label: z.string().min(1).optional(),
  version: versionText.optional(),
  resolve: z.enum(['true', 'false']).optional(),
});

const integerText = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'expected a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

const isoTimeText = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), {
    error: 'expected an ISO 8601 date-time such as 2025-01-31T12:00:00Z',
  })
  .transform((text) => Date.parse(text));

/** `GET /api/public/v2/prompts`: filters and pages (from 1, 50 names unless `limit` says). */
export const listPromptsQuerySchema = z.object({
  name: z.string().min(1).optional(),
  label: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  page: integerText(1, Number.MAX_SAFE_INTEGER, 1),
  limit: integerText(1, 100, 50),
  fromUpdatedAt: isoTimeText.optional(),
  toUpdatedAt: isoTimeText.optional(),
});

/** The protected labels of a project, as an admin key of it or the master key sets them. */
export const protectedLabelsSchema = z.object({ labels: z.array(settableLabelSchema) });
