import { isMap, isSeq, type Document } from 'yaml';

type Range = [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  return (node as { range?: Range | null } | null)?.range ?? undefined;
}

function keyName(key: unknown): string {
  const value = (key as { value?: unknown } | null)?.value ?? key;
  return String(value);
}

function childAt(
  node: unknown,
  offset: number,
): { key: string | number; node: unknown } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const start = rangeOf(pair.key)?.[0];
      const end = rangeOf(pair.value)?.[2] ?? rangeOf(pair.key)?.[2];
      if (start === undefined || end === undefined) continue;
      if (offset >= start && offset < end) return { key: keyName(pair.key), node: pair.value };
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => {
      const range = rangeOf(item);
      return range !== undefined && offset >= range[0] && offset < range[2];
    });
    if (index >= 0) return { key: index, node: node.items[index] };
  }
  return undefined;
}

/**
 * The path of keys and indexes to the deepest node of a YAML document that covers a
 * character offset, such as `['model_list', 1, 'litellm_params']`; empty at the top level.
 * A syntax error's offset is where the parser noticed it, which may be after the typo.
 */
export function yamlPathAt(document: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = document.contents;
  for (let child = childAt(node, offset); child; child = childAt(node, offset)) {
    path.push(child.key);
    node = child.node;
  }
  return path;
}
