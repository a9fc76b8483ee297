import type { Deployment } from '../../../models/deployment.js';

/** An Azure OpenAI deployment for unit tests, with what a test needs laid over it. */
export function azureDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'azure/gpt-4o-prod',
    modelName: 'gpt-4o',
    provider: 'azure',
    protocol: 'azure',
    upstreamModel: 'gpt-4o-prod',
    apiBase: 'https://contoso.openai.azure.com',
    apiKey: 'azure-test-key-0123456789',
    apiVersion: undefined,
    organization: undefined,
    extraHeaders: {},
    mode: undefined,
    prices: {},
    rpm: undefined,
    tpm: undefined,
    weight: undefined,
    order: undefined,
    timeoutMs: undefined,
    streamTimeoutMs: undefined,
    ...overrides,
  };
}
