import type { ChatItem, PlaceholderItem } from './prompt-model.js';
import { fillVariables, type TemplateVariables } from './template.js';

/** A message of a compiled chat prompt; placeholder messages keep every field they were given. */
export interface CompiledMessage {
  role: string;
  content?: unknown;
  [field: string]: unknown;
}

export interface CompileOptions {
  variables?: TemplateVariables;
  /** Message lists for the placeholders of a chat prompt, by placeholder name. */
  placeholders?: Record<string, CompiledMessage[]>;
  /** `error` (the default) refuses inputs not given; `keep` leaves them as written. */
  onMissing?: 'error' | 'keep';
}

/** `variables a, b and placeholders history`: the inputs a compilation lacked. */
export function describeMissingInputs(variables: string[], placeholders: string[]): string {
  const parts: string[] = [];
  if (variables.length > 0) parts.push(`variables ${variables.join(', ')}`);
  if (placeholders.length > 0) parts.push(`placeholders ${placeholders.join(', ')}`);
  return parts.join(' and ');
}

/** A prompt was compiled without some of its inputs; the message names every one. */
export class MissingPromptInputsError extends Error {
  constructor(
    readonly variables: string[],
    readonly placeholders: string[],
  ) {
    super(
      `The prompt needs ${describeMissingInputs(variables, placeholders)}, which were not given.`,
    );
    this.name = 'MissingPromptInputsError';
  }
}

function refuseMissing(options: CompileOptions, variables: string[], placeholders: string[]) {
  if (options.onMissing === 'keep') return;
  if (variables.length > 0 || placeholders.length > 0) {
    throw new MissingPromptInputsError(variables, placeholders);
  }
}

/** Fills a text prompt's variables. */
export function compileText(text: string, options: CompileOptions = {}): string {
  const filled = fillVariables(text, options.variables ?? {});
  refuseMissing(options, filled.missing, []);
  return filled.text;
}

/**
 * Fills a chat prompt: variables in its own messages, placeholders with the lists given (an
 * empty list removes the placeholder). Messages that fill a placeholder are taken as they
 * are: text a user wrote is never read as a template.
 */
export function compileChat(
  items: ChatItem[],
  options: CompileOptions = {},
): (CompiledMessage | PlaceholderItem)[] {
  const missingVariables = new Set<string>();
  const missingPlaceholders: string[] = [];
  const compiled: (CompiledMessage | PlaceholderItem)[] = [];
  for (const item of items) {
    if (item.type === 'placeholder') {
      const messages = options.placeholders?.[item.name];
      if (messages) compiled.push(...messages);
      else {
        missingPlaceholders.push(item.name);
        compiled.push({ type: 'placeholder', name: item.name });
      }
      continue;
    }
    const filled = fillVariables(item.content, options.variables ?? {});
    filled.missing.forEach((name) => missingVariables.add(name));
    compiled.push({ role: item.role, content: filled.text });
  }
  refuseMissing(options, [...missingVariables], missingPlaceholders);
  return compiled;
}
