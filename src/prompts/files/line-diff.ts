/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

/** Beyond this many changed lines, a diff shows the whole text replaced rather than search on. */
const maxEdits = 20_000;

/**
 * The shortest edit from one list of lines to another (Myers' O(ND) algorithm), so that a
 * small change to a long prompt costs time in proportion to the change, not the prompt.
 */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  const max = Math.min(before.length + after.length, maxEdits);
  const offset = max + 1;
  const furthest = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];

  for (let depth = 0; depth <= max; depth++) {
    trace.push(furthest.slice());
    for (let diagonal = -depth; diagonal <= depth; diagonal += 2) {
      const down = movesDown(furthest, offset, diagonal, depth);
      let x = down ? at(furthest, offset + diagonal + 1) : at(furthest, offset + diagonal - 1) + 1;
      let y = x - diagonal;
      while (x < before.length && y < after.length && before[x] === after[y]) {
        x++;
        y++;
      }
      furthest[offset + diagonal] = x;
      if (x >= before.length && y >= after.length) return backtrack(trace, before, after, offset);
    }
  }
  return [
    ...before.map((text): DiffLine => ({ kind: '-', text })),
    ...after.map((text): DiffLine => ({ kind: '+', text })),
  ];
}

function at(values: Int32Array, index: number): number {
  return values[index] ?? 0;
}

/** Whether the path to a diagonal comes from the one above (an insertion). */
function movesDown(furthest: Int32Array, offset: number, diagonal: number, depth: number) {
  if (diagonal === -depth) return true;
  if (diagonal === depth) return false;
  return at(furthest, offset + diagonal - 1) < at(furthest, offset + diagonal + 1);
}

function backtrack(
  trace: Int32Array[],
  before: string[],
  after: string[],
  offset: number,
): DiffLine[] {
  const lines: DiffLine[] = [];
  let x = before.length;
  let y = after.length;
  for (let depth = trace.length - 1; depth >= 0; depth--) {
    const furthest = trace[depth] as Int32Array;
    const diagonal = x - y;
    const down = movesDown(furthest, offset, diagonal, depth);
    const previousDiagonal = down ? diagonal + 1 : diagonal - 1;
    const previousX = depth === 0 ? 0 : at(furthest, offset + previousDiagonal);
    const previousY = depth === 0 ? 0 : previousX - previousDiagonal;
    for (; x > previousX && y > previousY; y--) lines.push({ kind: ' ', text: before[--x] ?? '' });
    if (depth > 0) {
      if (down) lines.push({ kind: '+', text: after[--y] ?? '' });
      else lines.push({ kind: '-', text: before[--x] ?? '' });
    }
  }
  return lines.reverse();
}

/**
 * A unified diff of two texts: `---`/`+++` headers, then hunks of changes with up to
 * `context` unchanged lines around them. Empty when the texts are equal.
 */
export function unifiedDiff(
  before: { label: string; text: string },
  after: { label: string; text: string },
  context = 3,
): string {
  const lines = diffLines(before.text.split('\n'), after.text.split('\n'));
  if (lines.every((line) => line.kind === ' ')) return '';
  const output = [`--- ${before.label}`, `+++ ${after.label}`];
  const changed = lines.flatMap((line, index) => (line.kind === ' ' ? [] : [index]));

  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && (changed[end + 1] ?? 0) - (changed[end] ?? 0) <= 2 * context)
      end++;
    const from = Math.max(0, (changed[start] ?? 0) - context);
    const to = Math.min(lines.length, (changed[end] ?? 0) + context + 1);
    output.push(
      hunkHeader(lines, from, to),
      ...lines.slice(from, to).map((l) => `${l.kind}${l.text}`),
    );
    start = end + 1;
  }
  return `${output.join('\n')}\n`;
}

function hunkHeader(lines: DiffLine[], from: number, to: number): string {
  const count = (kinds: string, end: number) =>
    lines.slice(0, end).filter((line) => kinds.includes(line.kind)).length;
  const beforeStart = count(' -', from) + 1;
  const afterStart = count(' +', from) + 1;
  const beforeCount = count(' -', to) - beforeStart + 1;
  const afterCount = count(' +', to) - afterStart + 1;
  return `@@ -${beforeStart},${beforeCount} +${afterStart},${afterCount} @@`;
}
