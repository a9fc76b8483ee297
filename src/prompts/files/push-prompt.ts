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

/** What pushing a file would do, judged against the newest version stored. */
export type PushPlan =
  | { action: 'create'; newest: PromptResponse | undefined }
  | { action: 'label'; newest: PromptResponse; missing: string[] }
  | { action: 'unchanged'; newest: PromptResponse };

/**
 * Decides what pushing one prompt file does, changing nothing: a new version when its
 * content differs from the newest one (references compared as written, not resolved),
 * else the labels the newest version lacks, else nothing.
 */
export async function planPush(api: PromptApiClient, file: PromptFile): Promise<PushPlan> {
  const newest = await newestVersion(api, file.name);
  if (!newest || differs(newest, file)) return { action: 'create', newest };
  const missing = file.labels.filter((label) => !newest.labels.includes(label));
  return missing.length > 0
    ? { action: 'label', newest, missing }
    : { action: 'unchanged', newest };
}

/**
 * Pushes one prompt file as `planPush` decides. Tags and the commit message travel with a
 * new version only. A refused file (a protected label with a member key, a name the
 * server refuses) throws `PromptApiError` and changes nothing.
 */
export async function pushPrompt(api: PromptApiClient, file: PromptFile): Promise<PushOutcome> {
  const plan = await planPush(api, file);
  if (plan.action === 'create') {
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
  if (plan.action === 'unchanged') {
    const { version, labels } = plan.newest;
    return { name: file.name, action: 'unchanged', version, labels };
  }
  const labelled = await api.addLabels(file.name, plan.newest.version, plan.missing);
  return {
    name: file.name,
    action: 'labelled',
    version: labelled.version,
    labels: labelled.labels,
  };
}
