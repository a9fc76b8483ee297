/**
 * The value of a column that holds JSON text; undefined for NULL. Sereno writes these
 * columns with `JSON.stringify`, so text that does not parse came from elsewhere: it is
 * kept as the text it is rather than dropped.
 */
export function parseJsonColumn(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
