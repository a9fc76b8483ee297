import type { Deployment } from '../models/deployment.js';

/**
 * An upstream URL with the query the deployment's `api_base` carried, after the URL's
 * own: `http://proxy/v1?token=t` serves chat at `http://proxy/v1/chat/completions?token=t`.
 */
export function withBaseQuery(deployment: Deployment, url: string): string {
  if (!deployment.apiBaseQuery) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${deployment.apiBaseQuery}`;
}
