/** A Markdown table; prettier pads it when the docs are written. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Milliseconds with the precision that matters at their size. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const size = Math.abs(value);
  if (size < 1) return value.toFixed(3);
  if (size < 100) return value.toFixed(2);
  return value.toFixed(0);
}

/** A number with thousands separators and the given decimals. */
export function formatNumber(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Values of the three targets in one cell, direct / Sereno / peer. */
export function sideBySide(values: (string | undefined)[]): string {
  return values.map((value) => value ?? '–').join(' / ');
}
