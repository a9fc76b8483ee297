import type { ChatItem, PromptSelector, PromptType } from '../prompt-model.js';

/** A prompt as the prompt API answers it (Langfuse's `Prompt`). */
export interface PromptResponse {
  name: string;
  version: number;
  type: PromptType;
  prompt: string | ChatItem[];
  config: Record<string, unknown>;
  labels: string[];
  tags: string[];
  commitMessage: string | null;
  resolutionGraph: unknown;
}

/** The body of `POST /api/public/v2/prompts`. */
export interface CreatePromptRequest {
  name: string;
  type: PromptType;
  prompt: string | ChatItem[];
  config?: Record<string, unknown>;
  labels?: string[];
  tags?: string[];
  commitMessage?: string;
}

export interface PromptApiOptions {
  /** Where Sereno listens, such as `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** A project's secret key or the master key, sent as a bearer token. */
  apiKey?: string;
  /** A project's key pair, sent as HTTP Basic as Langfuse's SDKs do; instead of `apiKey`. */
  publicKey?: string;
  secretKey?: string;
  /** With the master key: the project to act on instead of the default one. */
  project?: string;
  /** How long one request may take; 10 seconds unless set. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The server answered with an error; `status` is its HTTP status (0: not reached). */
export class PromptApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PromptApiError';
  }
}

export type FetchedPrompt =
  { status: 'ok'; prompt: PromptResponse; etag: string | undefined } | { status: 'not-modified' };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/** Reads a prompt from an answer, refusing one without the fields a reader relies on. */
function readPromptResponse(value: unknown): PromptResponse {
  if (
    !isObject(value) ||
    typeof value.name !== 'string' ||
    typeof value.version !== 'number' ||
    !(value.type === 'text' ? typeof value.prompt === 'string' : Array.isArray(value.prompt))
  ) {
    throw new PromptApiError('The server answered with something that is not a prompt.', 502);
  }
  return {
    name: value.name,
    version: value.version,
    type: value.type === 'text' ? 'text' : 'chat',
    prompt: value.prompt as PromptResponse['prompt'],
    config: isObject(value.config) ? value.config : {},
    labels: strings(value.labels),
    tags: strings(value.tags),
    commitMessage: typeof value.commitMessage === 'string' ? value.commitMessage : null,
    resolutionGraph: value.resolutionGraph ?? null,
  };
}

/** Sereno's prompt API over HTTP: what the client helper and `sereno prompts` use. */
export class PromptApiClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: PromptApiOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** A prompt by label or version; with an ETag, `not-modified` when it has not changed. */
  async get(
    name: string,
    selector: PromptSelector,
    options: { etag?: string; resolve?: boolean } = {},
  ): Promise<FetchedPrompt> {
    const query = new URLSearchParams(
      'version' in selector ? { version: String(selector.version) } : { label: selector.label },
    );
    if (options.resolve === false) query.set('resolve', 'false');
    const headers = options.etag ? { 'if-none-match': options.etag } : undefined;
    const response = await this.send('GET', `${promptPath(name)}?${query}`, undefined, headers);
    if (response.status === 304) return { status: 'not-modified' };
    const prompt = readPromptResponse(await this.readBody(response));
    return { status: 'ok', prompt, etag: response.headers.get('etag') ?? undefined };
  }

  async create(request: CreatePromptRequest): Promise<PromptResponse> {
    const response = await this.send('POST', '/api/public/v2/prompts', request);
    return readPromptResponse(await this.readBody(response));
  }

  async addLabels(name: string, version: number, labels: string[]): Promise<PromptResponse> {
    const path = `${promptPath(name)}/versions/${version}`;
    const response = await this.send('PATCH', path, { newLabels: labels });
    return readPromptResponse(await this.readBody(response));
  }

  /** Every prompt name of the project, following the pages. */
  async listNames(): Promise<string[]> {
    const names: string[] = [];
    for (let page = 1; ; page++) {
      const response = await this.send('GET', `/api/public/v2/prompts?limit=100&page=${page}`);
      const body = (await this.readBody(response)) as { data?: { name?: unknown }[] };
      const found = (body.data ?? []).flatMap((item) =>
        typeof item.name === 'string' ? [item.name] : [],
      );
      names.push(...found);
      if (found.length < 100) return names;
    }
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...this.authorization(), ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.project) headers['x-sereno-project'] = this.options.project;
    try {
      return await this.fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PromptApiError(
        `Sereno at ${this.options.baseUrl} could not be reached: ${reason}`,
        0,
      );
    }
  }

  private authorization(): Record<string, string> {
    const { apiKey, publicKey, secretKey } = this.options;
    if (publicKey && secretKey) {
      return { authorization: `Basic ${btoa(`${publicKey}:${secretKey}`)}` };
    }
    return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  }

  private async readBody(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return body;
    const message = isObject(body) && typeof body.message === 'string' ? body.message : text;
    throw new PromptApiError(message || `HTTP ${response.status}`, response.status);
  }
}

/** The path of a prompt, its name encoded whole so that folders survive as `%2F`. */
export function promptPath(name: string): string {
  return `/api/public/v2/prompts/${encodeURIComponent(name)}`;
}
