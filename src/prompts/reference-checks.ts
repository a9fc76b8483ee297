import { BadRequestError } from '../errors/sereno-error.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { findPromptVersion } from './prompt-repository.js';
import {
  PromptReferenceError,
  resolveReferences,
  type ReferencingPrompt,
} from './resolve-references.js';

/**
 * Checks that prompt references resolve, run inside the transaction of a write so that
 * the state checked is the state stored.
 */

/** Refuses a version whose references form a cycle, nest too deep or name no text prompt. */
export async function checkReferences(
  db: SerenoDatabase,
  projectId: string,
  prompt: ReferencingPrompt,
): Promise<void> {
  try {
    await resolveReferences(prompt, (name, selector) =>
      findPromptVersion(db, projectId, name, selector),
    );
  } catch (error) {
    if (!(error instanceof PromptReferenceError)) throw error;
    throw new BadRequestError(error.message, { code: 'invalid_request', param: 'prompt' });
  }
}

/**
 * After labels of a name moved, every version referencing the name by one of those labels
 * now reads another version: each must still resolve.
 */
export async function checkReferencesThrough(
  db: SerenoDatabase,
  projectId: string,
  name: string,
  labels: string[],
): Promise<void> {
  if (labels.length === 0) return;
  const parents = await db
    .selectFrom('prompt_references')
    .select(['parent_name', 'parent_version'])
    .distinct()
    .where('project_id', '=', projectId)
    .where('child_name', '=', name)
    .where('child_label', 'in', labels)
    .execute();
  for (const parent of parents) {
    const version = Number(parent.parent_version);
    const found = await findPromptVersion(db, projectId, parent.parent_name, { version });
    if (found) await checkReferences(db, projectId, found);
  }
}
