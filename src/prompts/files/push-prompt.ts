import {
  PromptApiError,
  type PromptApiClient,
  type PromptResponse,
} from '../client/prompt-api-client.js';
import { latestLabel } from '../prompt-model.js';
import type { PromptFile } from './prompt-file.js';

export interface PushOutcome {
  name: string;
  /** `created` a version, `labelled` the newest one, or left it `unchanged`. */
  action: 'created' | 'labelled' | 'unchanged';
  version: number;
  labels: string[];
}

/** JSON with object keys in order, so that two equal values print the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Whether a file says something else than the version stored: its type, prompt or config. */
export function differs(stored: PromptResponse, file: PromptFile): boolean {
  return (
    stored.type !== file.type ||
    canonical(stored.prompt) !== canonical(file.prompt) ||
    canonical(stored.config) !== canonical(file.config)
  );
}

async function newestVersion(api: PromptApiClient, name: string) {
  try {
    const fetched = await api.get(name, { label: latestLabel }, { resolve: false });
    return fetched.status === 'ok' ? fetched.prompt : undefined;
  } catch (error) {
    if (error instanceof PromptApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Pushes one prompt file: a new version when its content differs from the newest one
 * (references compared as written, not resolved), else only the labels the newest version
 * lacks. Tags and the commit message travel with a new version only.
 */
export async function pushPrompt(api: PromptApiClient, file: PromptFile): Promise<PushOutcome> {
  const newest = await newestVersion(api, file.name);
  if (!newest || differs(newest, file)) {
    const created = await api.create({
      name: file.name,
      type: file.type,
      prompt: file.prompt,
      config: file.config,
      labels: file.labels,
      tags: file.tags,
      commitMessage: file.commitMessage,
    });
    return { name: file.name, action: 'created', version: created.version, labels: created.labels };
  }
  const missing = file.labels.filter((label) => !newest.labels.includes(label));
  if (missing.length === 0) {
    return { name: file.name, action: 'unchanged', version: newest.version, labels: newest.labels };
  }
  const labelled = await api.addLabels(file.name, newest.version, missing);
  return {
    name: file.name,
    action: 'labelled',
    version: labelled.version,
    labels: labelled.labels,
  };
}
