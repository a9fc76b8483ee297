import { z } from 'zod';
import { BadRequestError } from '../errors/sereno-error.js';
import { samplingParameterNames } from '../wire/openai/sampling-parameter-names.js';
import {
  compileChat,
  compileText,
  describeMissingInputs,
  MissingPromptInputsError,
  type CompiledMessage,
} from './compile-prompt.js';
import { describeSelector, productionLabel, type ResolvedPrompt } from './prompt-model.js';
import type { PromptStore } from './prompt-store.js';

/**
 * Chat completion bodies that name a managed prompt instead of writing its messages:
 * `"prompt": {"name", "label" | "version", "variables", "placeholders"}`.
 */

const referenceSchema = z.object({
  prompt: z.object({
    name: z.string().min(1),
    label: z.string().min(1).optional(),
    version: z.number().int().positive().optional(),
    variables: z.record(z.string(), z.unknown()).optional(),
    placeholders: z.record(z.string(), z.array(z.object({ role: z.string() }).loose())).optional(),
  }),
});

/**
 * The request fields a prompt's config may give. Other config keys (notes, a provider
 * name, anything a team keeps there) stay in the config and never reach an upstream.
 */
const configRequestFields = [
  'model',
  ...samplingParameterNames,
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'tools',
  'parallel_tool_calls',
] as const;

/** Which prompt version a call used, for its trace. */
export interface PromptLink {
  name: string;
  version: number;
}

export interface PromptedBody {
  /** The body to parse as a chat request: compiled messages first, config defaults under it. */
  body: unknown;
  prompt?: PromptLink;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileMessages(
  prompt: ResolvedPrompt,
  reference: z.infer<typeof referenceSchema>['prompt'],
): CompiledMessage[] {
  const options = { variables: reference.variables ?? {}, placeholders: reference.placeholders };
  try {
    if (typeof prompt.prompt === 'string') {
      return [{ role: 'system', content: compileText(prompt.prompt, options) }];
    }
    // Missing inputs are refused, so no placeholder item is left among the messages.
    return compileChat(prompt.prompt, options) as CompiledMessage[];
  } catch (error) {
    if (!(error instanceof MissingPromptInputsError)) throw error;
    const missing = describeMissingInputs(error.variables, error.placeholders);
    throw new BadRequestError(
      `Prompt '${prompt.name}' version ${prompt.version} needs ${missing}, ` +
        'which the request did not give.',
      { code: 'prompt_variables_missing', param: 'prompt.variables' },
    );
  }
}

function parseReference(body: Record<string, unknown>): z.infer<typeof referenceSchema>['prompt'] {
  const result = referenceSchema.safeParse(body);
  if (result.success) return result.data.prompt;
  const issue = result.error.issues[0];
  const param = (issue?.path ?? ['prompt']).join('.');
  throw new BadRequestError(`Invalid value for '${param}': ${issue?.message ?? 'not a prompt'}.`, {
    code: 'invalid_request',
    param,
  });
}

function configDefaults(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    configRequestFields.flatMap((field) =>
      config[field] === undefined ? [] : [[field, config[field]]],
    ),
  );
}

/**
 * Resolves and compiles the prompt a chat request names, in the caller's project. The
 * compiled messages come before the request's own; the prompt's config gives defaults
 * the request overrides field by field. A body naming no prompt is returned as it is.
 */
export async function applyManagedPrompt(
  body: unknown,
  projectId: string,
  store: PromptStore,
): Promise<PromptedBody> {
  if (!isObject(body) || body.prompt === undefined) return { body };
  const reference = parseReference(body);
  if (reference.label !== undefined && reference.version !== undefined) {
    throw new BadRequestError('Name the prompt by label or by version, not both.', {
      code: 'invalid_request',
      param: 'prompt.version',
    });
  }
  const selector =
    reference.version !== undefined
      ? { version: reference.version }
      : { label: reference.label ?? productionLabel };
  const served = await store.read(projectId, reference.name, selector);
  if (!served) {
    throw new BadRequestError(
      `Prompt '${reference.name}' with ${describeSelector(selector)} ` +
        'does not exist in this project.',
      { code: 'prompt_not_found', param: 'prompt.name' },
    );
  }

  const compiled = compileMessages(served.prompt, reference);
  const own = body.messages === undefined ? [] : body.messages;
  return {
    body: {
      ...configDefaults(served.prompt.config),
      ...body,
      messages: Array.isArray(own) ? [...compiled, ...own] : own,
    },
    prompt: { name: served.prompt.name, version: served.prompt.version },
  };
}
