import type { Deployment } from '../../../models/deployment.js';

/** A deployment of `anthropic/claude-sonnet-4-5` for unit tests, with any field replaced. */
export function anthropicDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'anthropic/claude-sonnet-4-5',
    modelName: 'claude',
    provider: 'anthropic',
    protocol: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    apiBase: 'https://api.anthropic.com',
    apiKey: 'sk-ant-test-key',
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
