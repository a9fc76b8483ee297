import { PermissionDeniedError } from '../errors/sereno-error.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { defaultProtectedLabels } from './prompt-model.js';

/**
 * Protected labels: any key of a project may create versions and move other labels, but
 * only an admin key of the project (or the master key, an admin of every project) may put
 * a protected label on a version or delete a version that carries one.
 */

/** Who changes prompts. */
export interface PromptActor {
  /** An admin key pair of the project, or the master key. */
  isProjectAdmin: boolean;
  /** Stored as the creator of new versions. */
  createdBy: string;
}

/** A project's protected labels; `production` until the project chooses its own. */
export async function readProtectedLabels(db: SerenoDatabase, projectId: string) {
  const row = await db
    .selectFrom('prompt_settings')
    .select('protected_labels')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.protected_labels) as string[]) : [...defaultProtectedLabels];
}

export async function writeProtectedLabels(
  db: SerenoDatabase,
  projectId: string,
  labels: string[],
  now: number,
): Promise<void> {
  const value = JSON.stringify([...new Set(labels)].sort());
  await db
    .insertInto('prompt_settings')
    .values({ project_id: projectId, protected_labels: value, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('project_id').doUpdateSet({ protected_labels: value, updated_at: now }),
    )
    .execute();
}

/** Throws 403 when a member key would touch a protected label. */
export function refuseProtectedLabels(
  actor: PromptActor,
  labels: string[],
  protectedLabels: string[],
  action: string,
): void {
  if (actor.isProjectAdmin) return;
  const touched = [...new Set(labels.filter((label) => protectedLabels.includes(label)))];
  if (touched.length === 0) return;
  throw new PermissionDeniedError(
    `Only an admin key of the project or the master key may ${action} the protected ` +
      `label${touched.length > 1 ? 's' : ''} ${touched.join(', ')}; this key is a member key.`,
    { code: 'permission_denied' },
  );
}
