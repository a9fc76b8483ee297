import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

/**
 * A running Sereno with a master key and the key pair declared at startup (an admin of
 * its project), member key pairs made on demand, and fetch helpers for prompts.
 */

export const masterKey = 'sk-prompts-master-key';
export const projectKeys = { publicKey: 'pk-lf-prompts', secretKey: 'sk-lf-prompts-secret-1' };

export function basicAuth(keys: { publicKey: string; secretKey: string }): string {
  return `Basic ${Buffer.from(`${keys.publicKey}:${keys.secretKey}`).toString('base64')}`;
}

export const masterAuth = `Bearer ${masterKey}`;
export const projectAuth = basicAuth(projectKeys);

export interface MemberKeys {
  publicKey: string;
  secretKey: string;
  /** The pair as HTTP Basic, as the Langfuse SDKs send it. */
  auth: string;
}

/** Makes a member key pair of the `prompts` project through the admin API. */
export async function addMemberKeys(sereno: TestSereno): Promise<MemberKeys> {
  const response = await fetch(`${sereno.url}/api/admin/projects/prompts/keys`, {
    method: 'POST',
    headers: { authorization: masterAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ note: 'a member, for tests' }),
  });
  if (response.status !== 201) throw new Error(`No member keys: HTTP ${response.status}`);
  const keys = (await response.json()) as { publicKey: string; secretKey: string };
  return { ...keys, auth: basicAuth(keys) };
}

export interface PromptBody {
  id: string;
  name: string;
  version: number;
  type: string;
  prompt: unknown;
  config: Record<string, unknown>;
  labels: string[];
  tags: string[];
  commitMessage: string | null;
  resolutionGraph: unknown;
  createdBy: string;
  message?: string;
  error?: string;
}

export async function startPromptSereno(modelListYaml = 'model_list: []'): Promise<TestSereno> {
  return startSereno(
    `${modelListYaml}\ngeneral_settings:\n  master_key: ${masterKey}\n`,
    {},
    { initProject: { name: 'prompts', ...projectKeys } },
  );
}

export interface PromptApi {
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  create(body: Record<string, unknown>, auth?: string): Promise<PromptBody>;
  get(name: string, query?: string, auth?: string): Promise<PromptBody>;
}

/** Calls Sereno's prompt routes; `auth` is the project key pair unless given. */
export function promptApi(sereno: TestSereno): PromptApi {
  const call: PromptApi['call'] = (method, path, body, headers = {}) =>
    fetch(`${sereno.url}${path}`, {
      method,
      headers: {
        authorization: projectAuth,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    call,
    async create(body, auth = projectAuth) {
      const response = await call('POST', '/api/public/v2/prompts', body, { authorization: auth });
      return (await response.json()) as PromptBody;
    },
    async get(name, query = '', auth = projectAuth) {
      const path = `/api/public/v2/prompts/${encodeURIComponent(name)}${query}`;
      return (await (
        await call('GET', path, undefined, { authorization: auth })
      ).json()) as PromptBody;
    },
  };
}
