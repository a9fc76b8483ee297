import {
  describeSelector,
  maxReferenceDepth,
  type PromptContent,
  type PromptNode,
  type PromptSelector,
  type PromptVersion,
  type ResolutionGraph,
} from './prompt-model.js';
import { findReferences, replaceReferences, type PromptReference } from './prompt-references.js';

/** What resolution needs of a version. */
export type ReferencingPrompt = Pick<PromptVersion, 'id' | 'name' | 'version' | 'type' | 'prompt'>;

/** Finds the version a reference points at in the current state of the store. */
export type LoadReferencedPrompt = (
  name: string,
  selector: PromptSelector,
) => Promise<ReferencingPrompt | undefined>;

/** References that cannot be resolved: a cycle, a missing or chat prompt, too deep a chain. */
export class PromptReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptReferenceError';
  }
}

export interface ResolvedContent {
  prompt: PromptContent;
  /** Null when the prompt references nothing. */
  graph: ResolutionGraph | null;
}

function nodeOf(prompt: ReferencingPrompt): PromptNode {
  return { id: prompt.id, name: prompt.name, version: prompt.version };
}

function pathText(path: PromptNode[], last: string): string {
  return [...path.map((node) => `${node.name} v${node.version}`), last].join(' → ');
}

/**
 * Writes every referenced text prompt into a prompt, references inside them included. A
 * name may appear once on a chain (so a prompt never references itself, nor an older
 * version of itself), and a chain holds at most five prompts.
 */
export async function resolveReferences(
  root: ReferencingPrompt,
  load: LoadReferencedPrompt,
): Promise<ResolvedContent> {
  const graph: ResolutionGraph = { root: nodeOf(root), dependencies: {} };

  const resolve = async (prompt: ReferencingPrompt, path: PromptNode[]): Promise<PromptContent> => {
    const references = findReferences(prompt.prompt);
    if (references.length === 0) return prompt.prompt;
    const texts = new Map<string, string>();
    for (const reference of references) {
      const child = await loadChild(reference, path, load);
      (graph.dependencies[prompt.id] ??= []).push(nodeOf(child));
      texts.set(reference.tag, (await resolve(child, [...path, nodeOf(child)])) as string);
    }
    return replaceReferences(prompt.prompt, texts);
  };

  const prompt = await resolve(root, [nodeOf(root)]);
  return { prompt, graph: Object.keys(graph.dependencies).length > 0 ? graph : null };
}

async function loadChild(
  reference: PromptReference,
  path: PromptNode[],
  load: LoadReferencedPrompt,
): Promise<ReferencingPrompt> {
  const wanted = `${reference.name} (${describeSelector(reference)})`;
  if (path.some((node) => node.name === reference.name)) {
    throw new PromptReferenceError(`Prompt references form a cycle: ${pathText(path, wanted)}.`);
  }
  if (path.length >= maxReferenceDepth) {
    throw new PromptReferenceError(
      `Prompt references nest deeper than ${maxReferenceDepth} prompts: ${pathText(path, wanted)}.`,
    );
  }
  const child = await load(reference.name, reference);
  if (!child) {
    throw new PromptReferenceError(
      `A referenced prompt does not exist: ${pathText(path, wanted)}.`,
    );
  }
  if (child.type !== 'text') {
    throw new PromptReferenceError(
      `Only text prompts can be referenced, and ${wanted} is a chat prompt: ` +
        `${pathText(path, wanted)}.`,
    );
  }
  return child;
}
