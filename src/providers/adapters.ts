import { createAnthropicAdapter } from './anthropic/anthropic-adapter.js';
import { createAzureAdapter } from './azure/azure-adapter.js';
import { createGeminiAdapter } from './gemini/gemini-adapter.js';
import { createOpenAiAdapter } from './openai/openai-adapter.js';
import type { ProviderAdapter } from './provider.js';
import type { ProviderProtocol } from './provider-catalog.js';

export type ProviderAdapters = Record<ProviderProtocol, ProviderAdapter>;

/** One adapter per wire protocol, shared by every deployment that speaks it. */
export function createProviderAdapters(): ProviderAdapters {
  return {
    openai: createOpenAiAdapter(),
    azure: createAzureAdapter(),
    anthropic: createAnthropicAdapter(),
    gemini: createGeminiAdapter(),
  } as ProviderAdapters;
}
