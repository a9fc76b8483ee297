import type { Deployment } from '../../../models/deployment.js';
import { makeDeployment } from '../../../../test/helpers/make-deployment.js';

/** A deployment of `anthropic/claude-sonnet-4-5` for unit tests, with any field replaced. */
export function anthropicDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return makeDeployment({
    id: 'anthropic/claude-sonnet-4-5',
    modelName: 'claude',
    provider: 'anthropic',
    protocol: 'anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    apiBase: 'https://api.anthropic.com',
    apiKey: 'sk-ant-test-key',
    ...overrides,
  });
}
