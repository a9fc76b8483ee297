import type { Deployment } from '../../models/deployment.js';
import { withBaseQuery } from '../upstream-url.js';

export type GeminiMethod = 'generateContent' | 'streamGenerateContent' | 'batchEmbedContents';

/** An `api_base` that already names an API version is used as it is. */
function versionedBase(apiBase: string): string {
  return /\/v1(beta\d*)?$/.test(apiBase) ? apiBase : `${apiBase}/v1beta`;
}

/**
 * The URL of one Gemini method for a deployment. It never carries the API key: Google also
 * accepts `?key=`, but a URL ends up in logs, error messages and traces, so the key goes in
 * the `x-goog-api-key` header instead.
 */
export function geminiUrl(deployment: Deployment, method: GeminiMethod): string {
  const model = encodeURIComponent(deployment.upstreamModel.replace(/^models\//, ''));
  const url = `${versionedBase(deployment.apiBase)}/models/${model}:${method}`;
  return withBaseQuery(deployment, method === 'streamGenerateContent' ? `${url}?alt=sse` : url);
}

/** The request headers: JSON, the key in `x-goog-api-key`, then the deployment's own. */
export function geminiHeaders(deployment: Deployment): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (deployment.apiKey) headers['x-goog-api-key'] = deployment.apiKey;
  return { ...headers, ...deployment.extraHeaders };
}
