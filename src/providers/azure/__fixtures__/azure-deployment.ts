import type { Deployment } from '../../../models/deployment.js';
import { makeDeployment } from '../../../../test/helpers/make-deployment.js';

/** An Azure OpenAI deployment for unit tests, with what a test needs laid over it. */
export function azureDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return makeDeployment({
    id: 'azure/gpt-4o-prod',
    modelName: 'gpt-4o',
    provider: 'azure',
    protocol: 'azure',
    upstreamModel: 'gpt-4o-prod',
    apiBase: 'https://contoso.openai.azure.com',
    apiKey: 'azure-test-key-0123456789',
    ...overrides,
  });
}
