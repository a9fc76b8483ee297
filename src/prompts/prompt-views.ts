import type { PromptVersion, ResolutionGraph } from './prompt-model.js';
import type { PromptSummary } from './prompt-list-query.js';

/** Langfuse's shapes of prompts on its public API (`Prompt`, `PromptMeta`). */

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * A version as `GET /api/public/v2/prompts/{name}` answers it: `prompt` is the text, or
 * the chat items with `type` `chatmessage` or `placeholder`; `resolutionGraph` is null
 * when the prompt references nothing or was read with `resolve=false`.
 */
export function promptView(prompt: PromptVersion, resolutionGraph: ResolutionGraph | null) {
  return {
    id: prompt.id,
    projectId: prompt.projectId,
    name: prompt.name,
    version: prompt.version,
    type: prompt.type,
    prompt: prompt.prompt,
    config: prompt.config,
    labels: prompt.labels,
    tags: prompt.tags,
    commitMessage: prompt.commitMessage,
    resolutionGraph,
    createdBy: prompt.createdBy,
    createdAt: isoTime(prompt.createdAt),
    updatedAt: isoTime(prompt.updatedAt),
  };
}

export type PromptView = ReturnType<typeof promptView>;

export function promptSummaryView(summary: PromptSummary) {
  return { ...summary, lastUpdatedAt: isoTime(summary.lastUpdatedAt) };
}
