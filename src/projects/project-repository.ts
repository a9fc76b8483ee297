import type { SerenoDatabase } from '../store/open-database.js';

/** Finds a project by name, creating it with the given id when it does not exist yet. */
export async function ensureProject(
  db: SerenoDatabase,
  project: { id: string; name: string },
  now: number,
): Promise<string> {
  const existing = await db
    .selectFrom('projects')
    .select('id')
    .where('name', '=', project.name)
    .executeTakeFirst();
  if (existing) return existing.id;
  await db
    .insertInto('projects')
    .values({ id: project.id, name: project.name, created_at: now })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return project.id;
}
