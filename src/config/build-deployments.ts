import type { Deployment, DeploymentMode } from '../models/deployment.js';
import { mergePrices, type ModelPrices } from '../pricing/model-prices.js';
import type { PriceTable } from '../pricing/price-table.js';
import { providerCatalog, splitProviderModel } from '../providers/provider-catalog.js';
import type { ModelEntry } from './config-file-schema.js';
import type { Environment } from './resolve-environment.js';

/** Providers that LiteLLM speaks and Sereno does not yet: named so the warning can say so. */
const unsupportedProviders = new Set([
  'bedrock',
  'bedrock_converse',
  'vertex_ai',
  'vertex_ai_beta',
  'azure_ai',
  'cohere',
  'cohere_chat',
  'huggingface',
  'replicate',
  'sagemaker',
  'watsonx',
  'databricks',
  'cloudflare',
  'ai21',
  'nlp_cloud',
  'aleph_alpha',
  'petals',
  'text-completion-openai',
  'text-completion-codestral',
  'predibase',
  'clarifai',
  'voyage',
  'jina_ai',
]);

const servedModes: readonly string[] = [
  'chat',
  'embedding',
  'completion',
] satisfies DeploymentMode[];

export interface BuiltDeployments {
  deployments: Deployment[];
  warnings: string[];
}

/** Turns `model_list` entries into deployments; an entry that cannot be served is skipped with a warning. */
export function buildDeployments(
  entries: ModelEntry[],
  environment: Environment,
  priceTable: PriceTable,
  /** Config paths whose environment reference named an unset variable. */
  unsetReferences: ReadonlySet<string> = new Set(),
): BuiltDeployments {
  const warnings: string[] = [];
  const deployments: Deployment[] = [];
  const usedIds = new Set<string>();

  entries.forEach((entry, index) => {
    const path = `model_list[${index}]`;
    const deployment = buildDeployment(
      entry,
      path,
      { environment, priceTable, unsetReferences },
      warnings,
    );
    if (!deployment) return;
    deployment.id = uniqueId(deployment.id, usedIds);
    deployments.push(deployment);
  });

  return { deployments, warnings };
}

interface BuildContext {
  environment: Environment;
  priceTable: PriceTable;
  unsetReferences: ReadonlySet<string>;
}

function buildDeployment(
  entry: ModelEntry,
  path: string,
  { environment, priceTable, unsetReferences }: BuildContext,
  warnings: string[],
): Deployment | undefined {
  const params = entry.litellm_params;
  const modelInfo = entry.model_info ?? {};
  if (!isServedMode(modelInfo.mode)) {
    warnings.push(
      `${path}.model_info.mode: "${modelInfo.mode}" is not served; Sereno serves ${servedModes.join(', ')}. The deployment is skipped.`,
    );
    return undefined;
  }
  const target = resolveProvider(params.model, path, warnings);
  if (!target) return undefined;
  const catalogEntry = providerCatalog[target.provider];
  if (!catalogEntry) return undefined;

  const address = splitAddress(params.api_base ?? params.base_url, path, warnings);
  const apiBase = resolveApiBase(address.base, target.provider);
  if (!apiBase) {
    warnings.push(
      `${path}: provider "${target.provider}" has no default address; set litellm_params.api_base. The deployment is skipped.`,
    );
    return undefined;
  }

  const keyUnset = unsetReferences.has(`${path}.litellm_params.api_key`);
  const apiKey = keyUnset
    ? undefined
    : resolveApiKey(entry, path, target.provider, apiBase, environment, warnings);
  const prices = resolvePrices(target, modelInfo, params, priceTable);
  if (prices.input_cost_per_token === undefined && prices.output_cost_per_token === undefined) {
    warnings.push(
      `${path}: no price is known for ${target.provider}/${target.upstreamModel}; its calls are stored with a cost of 0. Set input_cost_per_token and output_cost_per_token to price them.`,
    );
  }

  return {
    id: modelInfo.id ?? `${target.provider}/${target.upstreamModel}`,
    modelName: entry.model_name,
    provider: target.provider,
    protocol: catalogEntry.protocol,
    upstreamModel: target.upstreamModel,
    apiBase,
    apiBaseQuery: address.query,
    apiKey,
    apiVersion: params.api_version,
    organization: params.organization,
    extraHeaders: params.extra_headers ?? {},
    mode: modelInfo.mode,
    prices,
    rpm: params.rpm ?? entry.rpm,
    tpm: params.tpm ?? entry.tpm,
    weight: params.weight,
    order: params.order,
    timeoutMs: secondsToMs(params.timeout),
    streamTimeoutMs: secondsToMs(params.stream_timeout),
  };
}

function isServedMode(mode: string | undefined): mode is DeploymentMode | undefined {
  return mode === undefined || servedModes.includes(mode);
}

function resolveProvider(
  model: string,
  path: string,
  warnings: string[],
): { provider: string; upstreamModel: string } | undefined {
  const split = splitProviderModel(model);
  if (split) return split;

  const slash = model.indexOf('/');
  const prefix = slash > 0 ? model.slice(0, slash) : undefined;
  if (prefix && unsupportedProviders.has(prefix)) {
    warnings.push(
      `${path}.litellm_params.model: provider "${prefix}" is not supported yet. The deployment is skipped.`,
    );
    return undefined;
  }
  warnings.push(
    `${path}.litellm_params.model: "${model}" names no known provider; read as openai/${model}, an OpenAI-compatible server.`,
  );
  return { provider: 'openai', upstreamModel: model };
}

/**
 * Takes an `api_base` apart: its query goes on every upstream URL after the path; a user
 * and password written into it are not sent (HTTP clients drop them), which is said.
 */
function splitAddress(
  configured: string | undefined,
  path: string,
  warnings: string[],
): { base: string | undefined; query: string | undefined } {
  const text = configured?.trim();
  if (!text) return { base: undefined, query: undefined };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { base: text, query: undefined };
  }
  if (url.username || url.password) {
    warnings.push(
      `${path}.litellm_params.api_base: the user and password written into the address are not sent; put credentials in api_key or extra_headers.`,
    );
  }
  const query = url.search ? url.search.slice(1) : undefined;
  return { base: `${url.protocol}//${url.host}${url.pathname}`, query };
}

function resolveApiBase(configured: string | undefined, provider: string): string | undefined {
  const entry = providerCatalog[provider];
  const base = configured?.trim() || entry?.defaultApiBase;
  if (!base) return undefined;
  const trimmed = base.replace(/\/+$/, '');
  if (configured && entry?.openAiPathWhenBare && isBareOrigin(trimmed)) {
    return trimmed + entry.openAiPathWhenBare;
  }
  return trimmed;
}

function isBareOrigin(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/+$/, '') === '';
  } catch {
    return false;
  }
}

function resolvePrices(
  target: { provider: string; upstreamModel: string },
  modelInfo: NonNullable<ModelEntry['model_info']>,
  params: ModelEntry['litellm_params'],
  priceTable: PriceTable,
): ModelPrices {
  const tablePrices = priceTable.find(
    target.provider,
    modelInfo.base_model ?? target.upstreamModel,
  );
  const infoLimits: Partial<ModelPrices> = {
    max_input_tokens: modelInfo.max_input_tokens,
    max_output_tokens: modelInfo.max_output_tokens ?? modelInfo.max_tokens,
  };
  return mergePrices(tablePrices, modelInfo, infoLimits, params);
}

/**
 * The deployment's key: its own `api_key`, else the provider's key variable, but only
 * when the key goes to that provider's own address (or to a self-hosted kind of server
 * whose variable exists for it). An OpenAI key is never sent to another host that
 * happens to speak OpenAI's API; an `api_key` that names an unset variable sends no key.
 */
function resolveApiKey(
  entry: ModelEntry,
  path: string,
  provider: string,
  apiBase: string,
  environment: Environment,
  warnings: string[],
): string | undefined {
  const params = entry.litellm_params;
  if (params.api_key !== undefined) return params.api_key;
  const catalogEntry = providerCatalog[provider];
  if (!catalogEntry) return undefined;
  const fromEnvironment = firstSet(environment, catalogEntry.keyEnvironment);
  if (!fromEnvironment) return undefined;
  if (catalogEntry.keyForAnyBase || apiBase === catalogEntry.defaultApiBase) return fromEnvironment;
  warnings.push(
    `${path}: no key is sent to ${apiBase}: it is not ${provider}'s own address, so ${catalogEntry.keyEnvironment.join(' or ')} is not used there. Set litellm_params.api_key for this deployment.`,
  );
  return undefined;
}

function firstSet(environment: Environment, names: string[]): string | undefined {
  for (const name of names) {
    const value = environment[name];
    if (value) return value;
  }
  return undefined;
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let suffix = 2; used.has(candidate); suffix++) candidate = `${id}-${suffix}`;
  used.add(candidate);
  return candidate;
}
