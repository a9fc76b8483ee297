import type { PromptSelector, PromptType } from '../prompt-model.js';
import {
  managedPromptOf,
  type ManagedChatPrompt,
  type ManagedPrompt,
  type ManagedTextPrompt,
} from './managed-prompt.js';
import {
  PromptApiClient,
  type PromptApiOptions,
  type PromptResponse,
} from './prompt-api-client.js';

export interface GetPromptOptions {
  /** The label to serve; `production` when neither label nor version is given. */
  label?: string;
  version?: number;
  /** How long a prompt is served without asking again; 60 unless set, 0 asks every time. */
  cacheTtlSeconds?: number;
  /** What to serve when the prompt cannot be fetched and none was fetched before. */
  fallback?: string | { role: string; content: string }[];
  /** The type expected; a prompt of the other type is refused. */
  type?: PromptType;
}

export interface PromptClientOptions extends PromptApiOptions {
  /** The clock, epoch milliseconds; tests pass their own. */
  now?: () => number;
}

interface CacheEntry {
  prompt: ManagedPrompt;
  etag: string | undefined;
  expiresAt: number;
}

const defaultCacheTtlSeconds = 60;

function fallbackPrompt(name: string, options: GetPromptOptions): ManagedPrompt {
  const fallback = options.fallback ?? '';
  const response: PromptResponse = {
    name,
    version: 0,
    type: typeof fallback === 'string' ? 'text' : 'chat',
    prompt:
      typeof fallback === 'string'
        ? fallback
        : fallback.map((message) => ({ type: 'chatmessage' as const, ...message })),
    config: {},
    labels: options.label ? [options.label] : [],
    tags: [],
    commitMessage: null,
    resolutionGraph: null,
  };
  return managedPromptOf(response, true);
}

/**
 * Fetches managed prompts and keeps them: a fresh prompt is served from memory; a stale one
 * is served while it is fetched again in the background (with its ETag, so an unchanged
 * prompt costs a 304); a prompt never fetched waits for the server, and when the server
 * cannot answer the fallback is served instead, as Langfuse's SDKs do, whatever the error.
 */
export class PromptClient {
  private readonly api: PromptApiClient;
  private readonly now: () => number;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly fetches = new Map<string, Promise<ManagedPrompt>>();

  constructor(options: PromptClientOptions) {
    this.api = new PromptApiClient(options);
    this.now = options.now ?? Date.now;
  }

  getPrompt(name: string, options: GetPromptOptions & { type: 'chat' }): Promise<ManagedChatPrompt>;
  getPrompt(name: string, options: GetPromptOptions & { type: 'text' }): Promise<ManagedTextPrompt>;
  getPrompt(name: string, options?: GetPromptOptions): Promise<ManagedPrompt>;
  async getPrompt(name: string, options: GetPromptOptions = {}): Promise<ManagedPrompt> {
    if (options.label !== undefined && options.version !== undefined) {
      throw new Error('Ask for a prompt by label or by version, not both.');
    }
    const selector: PromptSelector =
      options.version !== undefined
        ? { version: options.version }
        : { label: options.label ?? 'production' };
    const ttlMs = (options.cacheTtlSeconds ?? defaultCacheTtlSeconds) * 1000;
    const key = `${name}\u0000${JSON.stringify(selector)}`;
    const entry = this.entries.get(key);

    if (entry && ttlMs > 0) {
      if (entry.expiresAt <= this.now()) {
        // Served stale meanwhile; a failed refresh leaves it stale and the next call tries again.
        this.refresh(key, name, selector, ttlMs).catch(() => undefined);
      }
      return checkType(entry.prompt, options.type);
    }
    try {
      return checkType(await this.refresh(key, name, selector, ttlMs), options.type);
    } catch (error) {
      if (entry) return checkType(entry.prompt, options.type);
      if (options.fallback !== undefined) return fallbackPrompt(name, options);
      throw error;
    }
  }

  /** Forgets what was fetched of one prompt name, or of every name. */
  invalidate(name?: string): void {
    for (const key of this.entries.keys()) {
      if (name === undefined || key.startsWith(`${name}\u0000`)) this.entries.delete(key);
    }
  }

  private refresh(
    key: string,
    name: string,
    selector: PromptSelector,
    ttlMs: number,
  ): Promise<ManagedPrompt> {
    const running = this.fetches.get(key);
    if (running) return running;
    const fetching = this.fetchInto(key, name, selector, ttlMs).finally(() => {
      this.fetches.delete(key);
    });
    this.fetches.set(key, fetching);
    return fetching;
  }

  private async fetchInto(
    key: string,
    name: string,
    selector: PromptSelector,
    ttlMs: number,
  ): Promise<ManagedPrompt> {
    const entry = this.entries.get(key);
    const result = await this.api.get(name, selector, { etag: entry?.etag });
    if (result.status === 'not-modified' && entry) {
      entry.expiresAt = this.now() + ttlMs;
      return entry.prompt;
    }
    if (result.status === 'not-modified')
      throw new Error('The server answered 304 to a first read.');
    const prompt = managedPromptOf(result.prompt);
    this.entries.set(key, { prompt, etag: result.etag, expiresAt: this.now() + ttlMs });
    return prompt;
  }
}

function checkType(prompt: ManagedPrompt, type: PromptType | undefined): ManagedPrompt {
  if (type !== undefined && prompt.type !== type) {
    throw new Error(`Prompt ${prompt.name} is a ${prompt.type} prompt, not a ${type} prompt.`);
  }
  return prompt;
}
