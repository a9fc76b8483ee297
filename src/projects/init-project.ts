import type { InitProject } from '../config/sereno-config.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { hashSecretKey, secretKeyHint } from './api-keys.js';
import { addKeyPair, ensureProject, findKeyByPublicKey } from './project-repository.js';

export type { InitProject } from '../config/sereno-config.js';

/** The project named `default`, used when no project is declared at startup. */
export const defaultProjectName = 'default';

/**
 * Makes sure the default project exists, with its declared key pair, and returns its id.
 * Run at every start: the declared pair is an admin of the project (a stored member pair
 * is made one), a declared secret that changed replaces the stored one, and a public key
 * that belongs to another project is refused.
 */
export async function initialiseDefaultProject(
  db: SerenoDatabase,
  init: InitProject | undefined,
  now: number,
): Promise<string> {
  const name = init?.name ?? defaultProjectName;
  const projectId = await ensureProject(db, { id: init ? undefined : 'default', name }, now);
  if (!init?.publicKey && !init?.secretKey) return projectId;
  if (!init.publicKey || !init.secretKey) {
    throw new Error(
      'SERENO_INIT_PROJECT_PUBLIC_KEY and SERENO_INIT_PROJECT_SECRET_KEY must be set together.',
    );
  }

  const declared = { publicKey: init.publicKey, secretKey: init.secretKey };
  const existing = await findKeyByPublicKey(db, declared.publicKey);
  if (!existing) {
    await addKeyPair(db, projectId, declared, now, { role: 'admin', note: 'declared at startup' });
    return projectId;
  }
  if (existing.project_id !== projectId) {
    throw new Error(
      `The public key ${declared.publicKey} belongs to another project than ${name}.`,
    );
  }
  const hash = hashSecretKey(declared.secretKey);
  if (existing.secret_key_hash !== hash || existing.role !== 'admin') {
    await db
      .updateTable('api_keys')
      .set({
        secret_key_hash: hash,
        secret_key_hint: secretKeyHint(declared.secretKey),
        role: 'admin',
      })
      .where('id', '=', existing.id)
      .execute();
  }
  return projectId;
}
