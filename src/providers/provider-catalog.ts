/** The wire protocols Sereno speaks upstream; each has one adapter folder. */
export type ProviderProtocol = 'openai' | 'anthropic' | 'gemini' | 'azure';

export interface ProviderEntry {
  protocol: ProviderProtocol;
  /** Used when a deployment sets no `api_base`; absent means the deployment must set one. */
  defaultApiBase?: string;
  /** Environment variables tried in order when a deployment sets no `api_key`. */
  keyEnvironment: string[];
  /** Appended to an `api_base` that has no path, for servers whose OpenAI routes live there. */
  openAiPathWhenBare?: string;
  /**
   * The key variables name a kind of server rather than one host (Azure, self-hosted
   * servers), so they go to whatever `api_base` the deployment sets. For the others they
   * go only to the provider's own address.
   */
  keyForAnyBase?: boolean;
}

/**
 * Providers by the prefix used in `litellm_params.model`. Every OpenAI-compatible server
 * shares the `openai` protocol and differs only in its address and key.
 */
export const providerCatalog: Record<string, ProviderEntry> = {
  openai: {
    protocol: 'openai',
    defaultApiBase: 'https://api.openai.com/v1',
    keyEnvironment: ['OPENAI_API_KEY'],
  },
  groq: {
    protocol: 'openai',
    defaultApiBase: 'https://api.groq.com/openai/v1',
    keyEnvironment: ['GROQ_API_KEY'],
  },
  mistral: {
    protocol: 'openai',
    defaultApiBase: 'https://api.mistral.ai/v1',
    keyEnvironment: ['MISTRAL_API_KEY'],
  },
  deepseek: {
    protocol: 'openai',
    defaultApiBase: 'https://api.deepseek.com/v1',
    keyEnvironment: ['DEEPSEEK_API_KEY'],
  },
  together_ai: {
    protocol: 'openai',
    defaultApiBase: 'https://api.together.xyz/v1',
    keyEnvironment: ['TOGETHERAI_API_KEY', 'TOGETHER_API_KEY'],
  },
  openrouter: {
    protocol: 'openai',
    defaultApiBase: 'https://openrouter.ai/api/v1',
    keyEnvironment: ['OPENROUTER_API_KEY'],
  },
  fireworks_ai: {
    protocol: 'openai',
    defaultApiBase: 'https://api.fireworks.ai/inference/v1',
    keyEnvironment: ['FIREWORKS_AI_API_KEY', 'FIREWORKS_API_KEY'],
  },
  xai: {
    protocol: 'openai',
    defaultApiBase: 'https://api.x.ai/v1',
    keyEnvironment: ['XAI_API_KEY'],
  },
  perplexity: {
    protocol: 'openai',
    defaultApiBase: 'https://api.perplexity.ai',
    keyEnvironment: ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'],
  },
  cerebras: {
    protocol: 'openai',
    defaultApiBase: 'https://api.cerebras.ai/v1',
    keyEnvironment: ['CEREBRAS_API_KEY'],
  },
  deepinfra: {
    protocol: 'openai',
    defaultApiBase: 'https://api.deepinfra.com/v1/openai',
    keyEnvironment: ['DEEPINFRA_API_KEY'],
  },
  ollama: {
    protocol: 'openai',
    keyForAnyBase: true,
    defaultApiBase: 'http://localhost:11434/v1',
    keyEnvironment: ['OLLAMA_API_KEY'],
    openAiPathWhenBare: '/v1',
  },
  ollama_chat: {
    protocol: 'openai',
    keyForAnyBase: true,
    defaultApiBase: 'http://localhost:11434/v1',
    keyEnvironment: ['OLLAMA_API_KEY'],
    openAiPathWhenBare: '/v1',
  },
  hosted_vllm: {
    protocol: 'openai',
    keyForAnyBase: true,
    keyEnvironment: ['HOSTED_VLLM_API_KEY'],
    openAiPathWhenBare: '/v1',
  },
  lm_studio: {
    protocol: 'openai',
    keyForAnyBase: true,
    defaultApiBase: 'http://localhost:1234/v1',
    keyEnvironment: ['LM_STUDIO_API_KEY'],
    openAiPathWhenBare: '/v1',
  },
  anthropic: {
    protocol: 'anthropic',
    defaultApiBase: 'https://api.anthropic.com',
    keyEnvironment: ['ANTHROPIC_API_KEY'],
  },
  gemini: {
    protocol: 'gemini',
    defaultApiBase: 'https://generativelanguage.googleapis.com',
    keyEnvironment: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  },
  azure: {
    protocol: 'azure',
    keyForAnyBase: true,
    keyEnvironment: ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY'],
  },
};

/** Splits `groq/llama-3.1-8b` into its provider and upstream model, when the prefix is known. */
export function splitProviderModel(
  model: string,
): { provider: string; upstreamModel: string } | undefined {
  const slash = model.indexOf('/');
  if (slash <= 0) return undefined;
  const provider = model.slice(0, slash);
  if (!(provider in providerCatalog)) return undefined;
  return { provider, upstreamModel: model.slice(slash + 1) };
}
