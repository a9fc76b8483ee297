import type { Selectable } from 'kysely';
import type { PromptsTable } from '../store/database-schema.js';
import type { SerenoDatabase } from '../store/open-database.js';
import type { PromptContent, PromptSelector, PromptType, PromptVersion } from './prompt-model.js';

/** Reads of stored prompt versions; the same functions serve inside a write's transaction. */

export type PromptRow = Selectable<PromptsTable>;

/** A version as stored, with the labels on it and the tags of its name. */
export function versionOf(row: PromptRow, labels: string[], tags: string[]): PromptVersion {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    version: Number(row.version),
    type: row.type as PromptType,
    prompt: JSON.parse(row.prompt) as PromptContent,
    config: JSON.parse(row.config) as Record<string, unknown>,
    labels: [...labels].sort(),
    tags: [...tags].sort(),
    commitMessage: row.commit_message,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The version number a label points at, or undefined. */
export async function versionWithLabel(
  db: SerenoDatabase,
  projectId: string,
  name: string,
  label: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('prompt_labels')
    .select('version')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .where('label', '=', label)
    .executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** The labels on any of the given versions of a name. */
export async function labelsOfVersions(
  db: SerenoDatabase,
  projectId: string,
  name: string,
  versions: number[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('prompt_labels')
    .select('label')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .where('version', 'in', versions)
    .execute();
  return rows.map((row) => row.label);
}

export async function tagsOfName(
  db: SerenoDatabase,
  projectId: string,
  name: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('prompt_tags')
    .select('tag')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .execute();
  return rows.map((row) => row.tag);
}

/** A version by number or by label, with its labels and tags; undefined when there is none. */
export async function findPromptVersion(
  db: SerenoDatabase,
  projectId: string,
  name: string,
  selector: PromptSelector,
): Promise<PromptVersion | undefined> {
  const version =
    'version' in selector
      ? selector.version
      : await versionWithLabel(db, projectId, name, selector.label);
  if (version === undefined) return undefined;
  const row = await db
    .selectFrom('prompts')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  const [labels, tags] = [
    await labelsOfVersions(db, projectId, name, [version]),
    await tagsOfName(db, projectId, name),
  ];
  return versionOf(row, labels, tags);
}

/** The newest version number and the type of a name, or undefined when it has no version. */
export async function newestVersion(
  db: SerenoDatabase,
  projectId: string,
  name: string,
): Promise<{ version: number; type: PromptType } | undefined> {
  const row = await db
    .selectFrom('prompts')
    .select(['version', 'type'])
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: Number(row.version), type: row.type as PromptType } : undefined;
}
