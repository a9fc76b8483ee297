import type { Deployment } from '../../../models/deployment.js';
import { makeDeployment } from '../../../../test/helpers/make-deployment.js';

/** A Gemini deployment for unit tests, with what a test needs laid over it. */
export function geminiDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return makeDeployment({
    id: 'gemini/gemini-2.5-flash',
    modelName: 'flash',
    provider: 'gemini',
    protocol: 'gemini',
    upstreamModel: 'gemini-2.5-flash',
    apiBase: 'https://generativelanguage.googleapis.com',
    apiKey: 'test-gemini-key-0123456789',
    ...overrides,
  });
}
