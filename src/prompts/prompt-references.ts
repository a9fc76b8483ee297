import type { PromptContent, PromptSelector } from './prompt-model.js';

/**
 * References from one prompt to a text prompt, written as Langfuse writes them:
 * `@@@langfusePrompt:name=NAME|label=LABEL@@@` or `@@@langfusePrompt:name=NAME|version=N@@@`.
 * Text that looks like a reference but names no prompt stays in the prompt as written.
 */
export type PromptReference = {
  /** The reference as written, replaced as a whole when it is resolved. */
  tag: string;
  name: string;
} & PromptSelector;

const tagPattern = /@@@langfusePrompt:(.*?)@@@/g;

function parseFields(inner: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const part of inner.split('|')) {
    const equals = part.indexOf('=');
    if (equals <= 0) return undefined;
    fields.set(part.slice(0, equals), part.slice(equals + 1));
  }
  return fields;
}

/** The reference a tag's inside (`name=...|label=...`) holds, or undefined when it holds none. */
export function parseReference(tag: string, inner: string): PromptReference | undefined {
  const fields = parseFields(inner);
  const name = fields?.get('name');
  if (!fields || !name || fields.size !== 2) return undefined;
  const label = fields.get('label');
  if (label) return { tag, name, label };
  const version = fields.get('version');
  if (version && /^[1-9]\d*$/.test(version)) return { tag, name, version: Number(version) };
  return undefined;
}

function textsOf(content: PromptContent): string[] {
  if (typeof content === 'string') return [content];
  return content.flatMap((item) => (item.type === 'chatmessage' ? [item.content] : []));
}

/** Every distinct reference a prompt makes, in order of first appearance. */
export function findReferences(content: PromptContent): PromptReference[] {
  const found = new Map<string, PromptReference>();
  for (const text of textsOf(content)) {
    for (const match of text.matchAll(tagPattern)) {
      const reference = parseReference(match[0], match[1] ?? '');
      if (reference && !found.has(reference.tag)) found.set(reference.tag, reference);
    }
  }
  return [...found.values()];
}

function replaceIn(text: string, texts: ReadonlyMap<string, string>): string {
  return text.replace(tagPattern, (tag) => texts.get(tag) ?? tag);
}

/** The prompt with each reference replaced by the text given for its tag. */
export function replaceReferences(
  content: PromptContent,
  texts: ReadonlyMap<string, string>,
): PromptContent {
  if (typeof content === 'string') return replaceIn(content, texts);
  return content.map((item) =>
    item.type === 'chatmessage' ? { ...item, content: replaceIn(item.content, texts) } : item,
  );
}
