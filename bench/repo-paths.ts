import { fileURLToPath } from 'node:url';

/** The repository's root, found from this file so that the bench runs from any directory. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return [repoRoot.replace(/\/$/, ''), ...parts].join('/');
}
