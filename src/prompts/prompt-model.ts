/**
 * Managed prompts in Langfuse's data model. A prompt is a name in a project (slashes make
 * folders) with immutable versions numbered from 1; labels point at one version each.
 */

export type PromptType = 'text' | 'chat';

/** A message of a chat prompt; `content` may hold `{{variables}}` and prompt references. */
export interface ChatMessageItem {
  type: 'chatmessage';
  role: string;
  content: string;
}

/** Where a chat prompt takes a list of messages given when it is compiled. */
export interface PlaceholderItem {
  type: 'placeholder';
  name: string;
}

export type ChatItem = ChatMessageItem | PlaceholderItem;

/** The text of a text prompt, or the items of a chat prompt. */
export type PromptContent = string | ChatItem[];

/** One stored version, its references to other prompts left as written. */
export interface PromptVersion {
  id: string;
  projectId: string;
  name: string;
  version: number;
  type: PromptType;
  prompt: PromptContent;
  config: Record<string, unknown>;
  labels: string[];
  /** The same for every version of a name. */
  tags: string[];
  commitMessage: string | null;
  /** The public key of the project key that created it, or `admin` for the master key. */
  createdBy: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; moves when the version's labels change. */
  updatedAt: number;
}

/** A version with the prompts it references written in, and the graph that was followed. */
export interface ResolvedPrompt extends PromptVersion {
  resolutionGraph: ResolutionGraph | null;
}

/** Which version of a name: the one a label points at, or a version number. */
export type PromptSelector = { label: string } | { version: number };

export interface PromptNode {
  id: string;
  name: string;
  version: number;
}

/** Langfuse's `resolutionGraph`: the root, and each referencing version's references by id. */
export interface ResolutionGraph {
  root: PromptNode;
  dependencies: Record<string, PromptNode[]>;
}

/** Served when a read names neither a label nor a version. */
export const productionLabel = 'production';

/** Always on the newest version of a name; moved by Sereno, never by a client. */
export const latestLabel = 'latest';

/** How deep references may nest, counting the prompt read as level 0. */
export const maxReferenceDepth = 5;

/** Protected labels of a project that has not chosen its own. */
export const defaultProtectedLabels: readonly string[] = [productionLabel];

export function describeSelector(selector: PromptSelector): string {
  return 'version' in selector ? `version ${selector.version}` : `label '${selector.label}'`;
}
