import { sql, type RawBuilder } from 'kysely';

/**
 * Whether a trace's tags, stored as the JSON text of an array of strings, hold every one
 * of `tags`. Written with `replace`, `substr`, `length` and `||` only, which SQLite and
 * PostgreSQL both have and both compare case-sensitively (unlike SQLite's LIKE).
 *
 * The stored text has no spaces (`["a","b"]`, as JSON.stringify writes it); with its
 * brackets swapped for commas it reads `,"a","b",`, so a tag is present exactly when
 * `,"tag",` occurs in it. That cannot match inside a longer tag: a quote inside a JSON
 * string is always escaped, so `,"` only ever opens an element.
 */
export function hasAllTags(column: string, tags: readonly string[]): RawBuilder<boolean> {
  const framed = sql`(',' || substr(${sql.ref(column)}, 2, length(${sql.ref(column)}) - 2) || ',')`;
  const conditions = tags.map((tag) => {
    const needle = `,${JSON.stringify(tag)},`;
    return sql`replace(${framed}, ${needle}, '') <> ${framed}`;
  });
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}
