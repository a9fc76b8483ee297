import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { parsePromptFile, PromptFileError, type PromptFile } from './prompt-file.js';

const promptExtensions = new Set(['.yaml', '.yml', '.md', '.markdown']);

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && promptExtensions.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function nameFromPath(path: string, root: string | undefined): string {
  const relativePath = root === undefined ? basename(path) : relative(root, path);
  return relativePath.slice(0, -extname(relativePath).length).split(sep).join('/');
}

/** A prompt file found, read, or refused with the reason why. */
export type PromptFileEntry =
  { path: string; file: PromptFile } | { path: string; error: PromptFileError };

function readEntry(path: string, text: string, defaultName: string): PromptFileEntry {
  try {
    return { path, file: parsePromptFile(path, text, defaultName) };
  } catch (error) {
    if (error instanceof PromptFileError) return { path, error };
    throw error;
  }
}

/**
 * The prompt files at the given paths: a file as it is, a folder with every `.yaml`,
 * `.yml`, `.md` and `.markdown` file under it. A file that names no prompt is named after
 * its path under the folder given (`support/billing.md` is `support/billing`). A file
 * that cannot be read as a prompt is listed with its error, so the others still count.
 */
export async function readPromptFiles(paths: string[]): Promise<PromptFileEntry[]> {
  const found: PromptFileEntry[] = [];
  for (const path of paths) {
    const isFolder = (await stat(path)).isDirectory();
    for (const file of isFolder ? await filesUnder(path) : [path]) {
      const text = await readFile(file, 'utf8');
      found.push(readEntry(file, text, nameFromPath(file, isFolder ? path : undefined)));
    }
  }
  return found;
}
