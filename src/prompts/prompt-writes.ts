import { randomUUID } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../errors/sereno-error.js';
import type { SerenoDatabase } from '../store/open-database.js';
import {
  latestLabel,
  type PromptContent,
  type PromptType,
  type PromptVersion,
} from './prompt-model.js';
import { findReferences } from './prompt-references.js';
import { findPromptVersion, newestVersion } from './prompt-repository.js';
import { checkReferences, checkReferencesThrough } from './reference-checks.js';

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * Every change to stored prompts, each in one transaction: a reader sees a label on
 * exactly one version before a change and after it, never on two or on none.
 */

export interface NewPromptVersion {
  projectId: string;
  name: string;
  type: PromptType;
  prompt: PromptContent;
  config: Record<string, unknown>;
  labels: string[];
  /** The tags of every version of the name; undefined keeps the ones it has. */
  tags?: string[];
  commitMessage: string | null;
  createdBy: string;
}

/**
 * Stores the next version of a name, moves its labels and `latest` onto it. SQLite runs
 * one transaction at a time, so two creates of a name get consecutive versions; on a
 * store that runs them side by side, the second would fail on the primary key instead.
 */
export async function insertPromptVersion(
  db: SerenoDatabase,
  input: NewPromptVersion,
  now: number,
): Promise<PromptVersion> {
  return db.transaction().execute(async (transaction) => {
    const newest = await newestVersion(transaction, input.projectId, input.name);
    if (newest && newest.type !== input.type) {
      throw new BadRequestError(
        `The versions of ${input.name} are ${newest.type} prompts; ` +
          `a ${input.type} prompt needs another name.`,
        { code: 'invalid_request', param: 'type' },
      );
    }
    const version = (newest?.version ?? 0) + 1;
    const id = randomUUID();
    await checkReferences(transaction, input.projectId, { ...input, id, version });

    await transaction
      .insertInto('prompts')
      .values({
        project_id: input.projectId,
        name: input.name,
        version,
        id,
        type: input.type,
        prompt: JSON.stringify(input.prompt),
        config: JSON.stringify(input.config),
        commit_message: input.commitMessage,
        created_by: input.createdBy,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertReferences(transaction, input, version);
    await moveLabels(transaction, input.projectId, input.name, version, [
      ...unique(input.labels),
      latestLabel,
    ]);
    if (input.tags !== undefined) await replaceTags(transaction, input, unique(input.tags));
    return (await findPromptVersion(transaction, input.projectId, input.name, { version }))!;
  });
}

async function insertReferences(db: SerenoDatabase, input: NewPromptVersion, version: number) {
  const references = findReferences(input.prompt);
  if (references.length === 0) return;
  await db
    .insertInto('prompt_references')
    .values(
      references.map((reference) => ({
        project_id: input.projectId,
        parent_name: input.name,
        parent_version: version,
        child_name: reference.name,
        child_label: 'label' in reference ? reference.label : null,
        child_version: 'version' in reference ? reference.version : null,
      })),
    )
    .execute();
}

async function replaceTags(db: SerenoDatabase, input: NewPromptVersion, tags: string[]) {
  await db
    .deleteFrom('prompt_tags')
    .where('project_id', '=', input.projectId)
    .where('name', '=', input.name)
    .execute();
  if (tags.length === 0) return;
  await db
    .insertInto('prompt_tags')
    .values(tags.map((tag) => ({ project_id: input.projectId, name: input.name, tag })))
    .execute();
}

/** Puts labels on a version, taking them off whichever version of the name had them. */
async function moveLabels(
  db: SerenoDatabase,
  projectId: string,
  name: string,
  version: number,
  labels: string[],
): Promise<number[]> {
  if (labels.length === 0) return [];
  const previous = await db
    .selectFrom('prompt_labels')
    .select('version')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .where('label', 'in', labels)
    .execute();
  await db
    .insertInto('prompt_labels')
    .values(labels.map((label) => ({ project_id: projectId, name, label, version })))
    .onConflict((conflict) =>
      conflict
        .columns(['project_id', 'name', 'label'])
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version') })),
    )
    .execute();
  return previous.map((row) => Number(row.version));
}

/**
 * Adds labels to a version, as Langfuse's `PATCH .../versions/{version}` does: labels it has
 * stay, the ones given move to it. Refused when the move would close a reference cycle.
 */
export async function addLabels(
  db: SerenoDatabase,
  target: { projectId: string; name: string; version: number },
  labels: string[],
  now: number,
): Promise<PromptVersion> {
  const { projectId, name, version } = target;
  return db.transaction().execute(async (transaction) => {
    const found = await findPromptVersion(transaction, projectId, name, { version });
    if (!found) {
      throw new NotFoundError(`Prompt not found: '${name}' with version ${version}.`, {
        code: 'not_found',
      });
    }
    const touched = await moveLabels(transaction, projectId, name, version, unique(labels));
    await transaction
      .updateTable('prompts')
      .set({ updated_at: now })
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .where('version', 'in', [version, ...touched])
      .execute();
    await checkReferencesThrough(transaction, projectId, name, labels);
    return (await findPromptVersion(transaction, projectId, name, { version }))!;
  });
}
