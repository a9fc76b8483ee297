import type { ModelPrices } from '../pricing/model-prices.js';
import type { ProviderProtocol } from '../providers/provider-catalog.js';

export type DeploymentMode = 'chat' | 'embedding' | 'completion';

/** One provider + upstream model + credentials + limits, serving a model group. */
export interface Deployment {
  /** Stable id: `model_info.id`, else `provider/upstreamModel`, made unique with a suffix. */
  id: string;
  /** The model group: the public name clients ask for. */
  modelName: string;
  /** The catalog name of the provider, such as `groq`. */
  provider: string;
  protocol: ProviderProtocol;
  upstreamModel: string;
  /** Base URL without a trailing slash, a query or credentials. */
  apiBase: string;
  /** The query `api_base` carried (a proxy's token, say), added to every upstream URL. */
  apiBaseQuery: string | undefined;
  apiKey: string | undefined;
  apiVersion: string | undefined;
  organization: string | undefined;
  extraHeaders: Record<string, string>;
  mode: DeploymentMode | undefined;
  /** Prices and context window: the deployment's own over the bundled table. */
  prices: ModelPrices;
  rpm: number | undefined;
  tpm: number | undefined;
  weight: number | undefined;
  order: number | undefined;
  timeoutMs: number | undefined;
  streamTimeoutMs: number | undefined;
}
