import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { PromptApiClient, PromptResponse } from '../client/prompt-api-client.js';
import type { PromptSelector } from '../prompt-model.js';
import { renderPromptFile } from './prompt-file.js';

/** A stored version as the text of its prompt file; references stay as written. */
export function promptFileText(prompt: PromptResponse) {
  return renderPromptFile({
    name: prompt.name,
    type: prompt.type,
    prompt: prompt.prompt,
    config: prompt.config,
    tags: prompt.tags,
  });
}

/**
 * Writes a version of a prompt to `<directory>/<name>.md` (text) or `.yaml` (chat), folders
 * made from the name's slashes. Labels are left out: pushing the file back must not move
 * a label that was moved on the server since.
 */
export async function pullPrompt(
  api: PromptApiClient,
  name: string,
  selector: PromptSelector,
  directory: string,
): Promise<string> {
  const fetched = await api.get(name, selector, { resolve: false });
  if (fetched.status !== 'ok') throw new Error(`No answer for prompt ${name}.`);
  const { extension, text } = promptFileText(fetched.prompt);
  const root = resolve(directory);
  const path = resolve(root, `${name}${extension}`);
  if (!path.startsWith(`${root}${sep}`)) {
    throw new Error(`Prompt ${name} would be written outside ${directory}; rename it first.`);
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
  return path;
}
