import { BadRequestError, NotFoundError } from '../errors/sereno-error.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { describeSelector, latestLabel, type PromptSelector } from './prompt-model.js';
import { labelsOfVersions, versionWithLabel } from './prompt-repository.js';

export interface PromptDeletion {
  projectId: string;
  name: string;
  /** Which versions; undefined deletes every version of the name. */
  selector?: PromptSelector;
  /** Called with the labels the deleted versions carry; throws to refuse the deletion. */
  guard(labels: string[]): void;
}

/**
 * Deletes versions of a prompt in one transaction. Refused while another prompt references
 * a deleted version, or a label that no remaining version would carry. When the newest
 * version goes, `latest` moves to the newest one left.
 */
export async function deletePromptVersions(db: SerenoDatabase, deletion: PromptDeletion) {
  const { projectId, name } = deletion;
  return db.transaction().execute(async (transaction) => {
    const all = await versionsOf(transaction, projectId, name);
    const targets = await targetVersions(transaction, deletion, all);
    if (targets.length === 0) {
      const which = deletion.selector ? ` with ${describeSelector(deletion.selector)}` : '';
      throw new NotFoundError(`Prompt not found: '${name}'${which}.`, { code: 'not_found' });
    }
    const remaining = all.filter((version) => !targets.includes(version));
    const labels = await labelsOfVersions(transaction, projectId, name, targets);
    deletion.guard(labels);
    const vanishing = labels.filter((label) => label !== latestLabel || remaining.length === 0);
    await refuseWhileReferenced(transaction, deletion, targets, vanishing);

    for (const table of ['prompt_labels', 'prompts'] as const) {
      await transaction
        .deleteFrom(table)
        .where('project_id', '=', projectId)
        .where('name', '=', name)
        .where('version', 'in', targets)
        .execute();
    }
    await transaction
      .deleteFrom('prompt_references')
      .where('project_id', '=', projectId)
      .where('parent_name', '=', name)
      .where('parent_version', 'in', targets)
      .execute();
    await afterDeletion(transaction, deletion, labels, remaining);
  });
}

async function versionsOf(db: SerenoDatabase, projectId: string, name: string) {
  const rows = await db
    .selectFrom('prompts')
    .select('version')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .execute();
  return rows.map((row) => Number(row.version));
}

async function targetVersions(db: SerenoDatabase, deletion: PromptDeletion, all: number[]) {
  const { selector } = deletion;
  if (!selector) return all;
  if ('version' in selector) return all.filter((version) => version === selector.version);
  const version = await versionWithLabel(db, deletion.projectId, deletion.name, selector.label);
  return version === undefined ? [] : [version];
}

async function refuseWhileReferenced(
  db: SerenoDatabase,
  deletion: PromptDeletion,
  versions: number[],
  labels: string[],
): Promise<void> {
  const rows = await db
    .selectFrom('prompt_references')
    .select(['parent_name', 'parent_version', 'child_label', 'child_version'])
    .where('project_id', '=', deletion.projectId)
    .where('child_name', '=', deletion.name)
    .where('parent_name', '!=', deletion.name)
    .execute();
  const broken = rows.filter((row) =>
    row.child_version !== null
      ? versions.includes(Number(row.child_version))
      : labels.includes(row.child_label ?? ''),
  );
  if (broken.length === 0) return;
  const lines = broken.map(
    (row) =>
      `${row.parent_name} v${row.parent_version} references ${deletion.name} ` +
      (row.child_version !== null ? `version ${row.child_version}` : `label ${row.child_label}`),
  );
  throw new BadRequestError(
    `Other prompts reference the versions to delete: ${lines.join('; ')}. ` +
      'Delete or change them first.',
    { code: 'invalid_request' },
  );
}

async function afterDeletion(
  db: SerenoDatabase,
  deletion: PromptDeletion,
  labels: string[],
  remaining: number[],
): Promise<void> {
  const { projectId, name } = deletion;
  if (remaining.length === 0) {
    await db
      .deleteFrom('prompt_tags')
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .execute();
    return;
  }
  if (labels.includes(latestLabel)) {
    await db
      .insertInto('prompt_labels')
      .values({ project_id: projectId, name, label: latestLabel, version: Math.max(...remaining) })
      .execute();
  }
}
