import type { AttributeValue } from './otlp-model.js';

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node whose keys are all indexes reads as the list it was flattened from. */
function toLists(node: unknown): unknown {
  if (!isTree(node)) return node;
  const keys = Object.keys(node);
  const converted = Object.fromEntries(keys.map((key) => [key, toLists(node[key])]));
  if (keys.length === 0 || !keys.every((key) => /^\d+$/.test(key))) return converted;
  return keys
    .map(Number)
    .sort((left, right) => left - right)
    .map((index) => converted[String(index)]);
}

/**
 * Rebuilds the value instrumentations flatten into dotted keys, such as
 * `0.role` and `0.content` into `[{ role, content }]`. A key that would step through a
 * value already set as a leaf is dropped, as is any `__proto__` step.
 */
export function unflattenAttributes(entries: [string, AttributeValue][]): unknown {
  const root: Tree = {};
  for (const [path, value] of entries) {
    const steps = path.split('.');
    if (steps.includes('__proto__')) continue;
    let node: Tree = root;
    let blocked = false;
    for (const step of steps.slice(0, -1)) {
      if (!Object.hasOwn(node, step)) node[step] = {};
      const next = node[step];
      if (!isTree(next)) {
        blocked = true;
        break;
      }
      node = next;
    }
    const leaf = steps[steps.length - 1] ?? '';
    if (!blocked && !Object.hasOwn(node, leaf)) node[leaf] = value;
  }
  return toLists(root);
}
