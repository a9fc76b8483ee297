import { defaults } from '../../config/defaults.js';
import type { Deployment } from '../../models/deployment.js';
import { createOpenAiAdapter, type OpenAiEndpoints } from '../openai/openai-adapter.js';
import type { ProviderAdapter } from '../provider.js';
import { withBaseQuery } from '../upstream-url.js';

function deploymentUrl(deployment: Deployment, operation: string): string {
  const version = encodeURIComponent(deployment.apiVersion ?? defaults.azureApiVersion);
  const name = encodeURIComponent(deployment.upstreamModel);
  const base = deployment.apiBase.replace(/\/openai$/, '');
  return withBaseQuery(
    deployment,
    `${base}/openai/deployments/${name}/${operation}?api-version=${version}`,
  );
}

/** Azure OpenAI: OpenAI's wire format at deployment URLs, with an `api-key` header. */
const azureEndpoints: OpenAiEndpoints = {
  chatUrl: (deployment) => deploymentUrl(deployment, 'chat/completions'),
  embeddingsUrl: (deployment) => deploymentUrl(deployment, 'embeddings'),
  headers: (deployment) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (deployment.apiKey) headers['api-key'] = deployment.apiKey;
    return { ...headers, ...deployment.extraHeaders };
  },
};

export function createAzureAdapter(): ProviderAdapter {
  return createOpenAiAdapter(azureEndpoints);
}
