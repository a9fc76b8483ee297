import type { ManagedChatPrompt, ManagedPrompt, ManagedTextPrompt } from './managed-prompt.js';
import { PromptClient, type GetPromptOptions, type PromptClientOptions } from './prompt-client.js';

/**
 * `sereno/prompts`: fetch managed prompts from a Sereno server, keep them in memory, and
 * compile them. Works in Node.js 20 and anywhere `fetch` is global.
 *
 * ```ts
 * import { getPrompt } from 'sereno/prompts';
 * const prompt = await getPrompt('sysprompt-base', { fallback: 'Be helpful.' });
 * const system = prompt.compile({ company: 'Acme' });
 * ```
 */

export { MissingPromptInputsError, type CompiledMessage } from '../compile-prompt.js';
export type { ChatItem, PromptType } from '../prompt-model.js';
export {
  ManagedChatPrompt,
  ManagedTextPrompt,
  type CompileSettings,
  type ManagedPrompt,
} from './managed-prompt.js';
export {
  PromptApiClient,
  PromptApiError,
  type CreatePromptRequest,
  type PromptApiOptions,
  type PromptResponse,
} from './prompt-api-client.js';
export { PromptClient, type GetPromptOptions, type PromptClientOptions } from './prompt-client.js';

/** A client with its own cache. */
export function createPromptClient(options: PromptClientOptions): PromptClient {
  return new PromptClient(options);
}

let defaultClient: PromptClient | undefined;

/**
 * The client `getPrompt` uses, made on first use from the environment: `SERENO_URL`
 * (`http://127.0.0.1:4000` when unset) and `SERENO_API_KEY` (a project's secret key).
 */
export function defaultPromptClient(): PromptClient {
  defaultClient ??= new PromptClient({
    baseUrl: process.env.SERENO_URL ?? 'http://127.0.0.1:4000',
    apiKey: process.env.SERENO_API_KEY,
  });
  return defaultClient;
}

/** A managed prompt through the default client; see PromptClient.getPrompt. */
export function getPrompt(
  name: string,
  options: GetPromptOptions & { type: 'chat' },
): Promise<ManagedChatPrompt>;
export function getPrompt(
  name: string,
  options: GetPromptOptions & { type: 'text' },
): Promise<ManagedTextPrompt>;
export function getPrompt(name: string, options?: GetPromptOptions): Promise<ManagedPrompt>;
export function getPrompt(name: string, options?: GetPromptOptions): Promise<ManagedPrompt> {
  return defaultPromptClient().getPrompt(name, options);
}
