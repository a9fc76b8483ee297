import { sql, type Kysely } from 'kysely';

/**
 * The role of each key pair in its project: `admin` may move protected prompt labels,
 * `member` may not. Pairs start as members; the pairs Sereno made together with their
 * project (it wrote these notes on them) become admins, as such pairs are from now on.
 * The pair declared at startup is made an admin by the next start, not here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('role', 'text', (column) => column.notNull().defaultTo('member'))
    .execute();
  await sql`update api_keys set role = 'admin'
    where note in ('created with the project', 'made with sereno projects create')`.execute(db);
}
