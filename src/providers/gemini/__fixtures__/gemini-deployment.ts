import type { Deployment } from '../../../models/deployment.js';

/** A Gemini deployment for unit tests, with what a test needs laid over it. */
export function geminiDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 'gemini/gemini-2.5-flash',
    modelName: 'flash',
    provider: 'gemini',
    protocol: 'gemini',
    upstreamModel: 'gemini-2.5-flash',
    apiBase: 'https://generativelanguage.googleapis.com',
    apiKey: 'test-gemini-key-0123456789',
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
