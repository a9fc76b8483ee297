import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApiKeysTable, ProjectsTable } from '../store/database-schema.js';
import type { SerenoDatabase } from '../store/open-database.js';
import { hashSecretKey, keyRoleOf, secretKeyHint, type KeyPair, type KeyRole } from './api-keys.js';

export type Project = Selectable<ProjectsTable>;
export type ApiKey = Omit<Selectable<ApiKeysTable>, 'secret_key_hash' | 'role'> & { role: KeyRole };

/** How a new key pair is stored: its role in the project, and a note for the key list. */
export interface NewKeyOptions {
  role: KeyRole;
  note?: string;
}

/** Finds a project by name, creating it with the given id when it does not exist yet. */
export async function ensureProject(
  db: SerenoDatabase,
  project: { id?: string; name: string },
  now: number,
): Promise<string> {
  const existing = await findProject(db, project.name);
  if (existing) return existing.id;
  const id = project.id ?? randomUUID();
  await db
    .insertInto('projects')
    .values({ id, name: project.name, created_at: now })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return (await findProject(db, project.name))?.id ?? id;
}

/** A project by id or by name. */
export async function findProject(
  db: SerenoDatabase,
  idOrName: string,
): Promise<Project | undefined> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
}

export async function listProjects(db: SerenoDatabase): Promise<Project[]> {
  return db.selectFrom('projects').selectAll().orderBy('created_at').execute();
}

/** Stores a key pair for a project; the secret is kept only as its hash. */
export async function addKeyPair(
  db: SerenoDatabase,
  projectId: string,
  keys: KeyPair,
  now: number,
  options: NewKeyOptions,
): Promise<ApiKey> {
  const row = {
    id: randomUUID(),
    project_id: projectId,
    public_key: keys.publicKey,
    secret_key_hash: hashSecretKey(keys.secretKey),
    secret_key_hint: secretKeyHint(keys.secretKey),
    note: options.note ?? null,
    role: options.role,
    created_at: now,
  };
  await db.insertInto('api_keys').values(row).execute();
  const { secret_key_hash: _hash, ...key } = row;
  return key;
}

/** The key whose secret hashes to this value, with its project and role. */
export async function findKeyBySecretHash(db: SerenoDatabase, secretKeyHash: string) {
  const key = await db
    .selectFrom('api_keys')
    .select(['id', 'project_id', 'public_key', 'role'])
    .where('secret_key_hash', '=', secretKeyHash)
    .executeTakeFirst();
  return key && { ...key, role: keyRoleOf(key.role) };
}

export async function findKeyByPublicKey(db: SerenoDatabase, publicKey: string) {
  const key = await db
    .selectFrom('api_keys')
    .select(['id', 'project_id', 'public_key', 'secret_key_hash', 'role'])
    .where('public_key', '=', publicKey)
    .executeTakeFirst();
  return key && { ...key, role: keyRoleOf(key.role) };
}

export async function listKeys(db: SerenoDatabase, projectId: string): Promise<ApiKey[]> {
  const keys = await db
    .selectFrom('api_keys')
    .select(['id', 'project_id', 'public_key', 'secret_key_hint', 'note', 'role', 'created_at'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .execute();
  return keys.map((key) => ({ ...key, role: keyRoleOf(key.role) }));
}

export async function deleteKey(db: SerenoDatabase, publicKey: string): Promise<boolean> {
  const result = await db
    .deleteFrom('api_keys')
    .where('public_key', '=', publicKey)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
