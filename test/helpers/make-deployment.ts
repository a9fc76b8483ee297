import type { RouterSettings } from '../../src/config/sereno-config.js';
import type { Deployment } from '../../src/models/deployment.js';

/**
 * A deployment with every field set to a plain default, for router and provider tests;
 * the upstream model is the id unless given.
 */
export function makeDeployment(overrides: Partial<Deployment> & { id: string }): Deployment {
  return {
    modelName: 'group',
    provider: 'openai',
    protocol: 'openai',
    upstreamModel: overrides.id,
    apiBase: 'http://127.0.0.1:1/v1',
    apiBaseQuery: undefined,
    apiKey: undefined,
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

export function makeRouterSettings(overrides: Partial<RouterSettings> = {}): RouterSettings {
  return {
    routingStrategy: 'simple-shuffle',
    numRetries: 2,
    timeoutMs: 60_000,
    streamTimeoutMs: undefined,
    maxAttempts: undefined,
    fallbacks: new Map(),
    contextWindowFallbacks: new Map(),
    contentPolicyFallbacks: new Map(),
    defaultFallbacks: [],
    allowedFails: 3,
    cooldownSeconds: 5,
    retryPolicy: {},
    allowedFailsPolicy: {},
    enablePreCallChecks: true,
    ...overrides,
  };
}
