import { sql, type RawBuilder } from 'kysely';

/** The environment Langfuse shows for a row written without one. */
export const defaultEnvironment = 'default';

/**
 * Whether a row's environment is one of `environments`. A row stored without one is in
 * `default`, as the views show it.
 */
export function inEnvironments(
  column: string,
  environments: readonly string[],
): RawBuilder<boolean> {
  const ref = sql.ref(column);
  const listed = sql`${ref} in (${sql.join(environments)})`;
  if (!environments.includes(defaultEnvironment)) return sql<boolean>`${listed}`;
  return sql<boolean>`(${listed} or ${ref} is null)`;
}
