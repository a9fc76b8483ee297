import { readFile } from 'node:fs/promises';
import { secretScrubber } from '../logging/secret-scrubber.js';
import { loadBundledPriceTable, type PriceTable } from '../pricing/price-table.js';
import { buildDeployments } from './build-deployments.js';
import { buildRouterSettings } from './build-router-settings.js';
import { configFileSchema, type ConfigFile, type ModelEntry } from './config-file-schema.js';
import { ConfigError } from './config-error.js';
import { defaults } from './defaults.js';
import { findUnknownKeys } from './find-unknown-keys.js';
import { describeSchemaIssue, readConfigYaml } from './read-config-yaml.js';
import { dropNulls, resolveEnvironment, type Environment } from './resolve-environment.js';
import type { Deployment } from '../models/deployment.js';
import type { InitProject, RouterSettings, SerenoConfig } from './sereno-config.js';

export interface ConfigOverrides {
  host?: string;
  port?: number;
  dataDir?: string;
}

export interface LoadConfigOptions {
  /** Path of the YAML file; absent means defaults with no model. */
  path?: string;
  environment?: Environment;
  overrides?: ConfigOverrides;
  priceTable?: PriceTable;
}

/** Reads, checks and completes the config file. Throws a ConfigError naming every problem. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<SerenoConfig> {
  const source = options.path ? await readSource(options.path) : '';
  return parseConfig(source, { ...options, path: options.path });
}

/** The same as `loadConfig`, from the text of a file already read. */
export function parseConfig(source: string, options: LoadConfigOptions = {}): SerenoConfig {
  const fileName = options.path ?? '<defaults>';
  const yaml = readConfigYaml(source, fileName);
  const raw = yaml.raw;

  const environment = withConfigVariables(raw, options.environment ?? process.env);
  const warnings: string[] = [];
  const resolved = resolveEnvironment(dropNulls(raw), environment);
  for (const { name, path } of resolved.missing) {
    warnings.push(`${path} refers to the environment variable ${name}, which is not set.`);
  }

  const parsed = configFileSchema.safeParse(resolved.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeSchemaIssue(issue, yaml));
    throw new ConfigError(fileName, problems);
  }

  const unknownKeys = findUnknownKeys(configFileSchema, resolved.value);
  if (unknownKeys.length > 0) {
    warnings.push(`keys Sereno does not act on yet, ignored: ${unknownKeys.join(', ')}`);
  }
  relocateEntryLimits(parsed.data.model_list ?? [], warnings);
  const unsetReferences = new Set(resolved.missing.map((reference) => reference.path));
  return buildConfig(parsed.data, environment, options, warnings, unsetReferences);
}

function buildConfig(
  file: ConfigFile,
  environment: Environment,
  options: LoadConfigOptions,
  warnings: string[],
  unsetReferences: ReadonlySet<string>,
): SerenoConfig {
  const priceTable = options.priceTable ?? loadBundledPriceTable();
  const built = buildDeployments(file.model_list ?? [], environment, priceTable, unsetReferences);
  warnings.push(...built.warnings);
  const router = buildRouterSettings(file.router_settings, file.litellm_settings, warnings);
  const masterKey = readMasterKey(file, environment, warnings);
  const initProject = readInitProject(file, environment);
  warnUnknownFallbacks(router, built.deployments, warnings);

  registerSecrets(masterKey, built.deployments);
  secretScrubber.register(initProject?.secretKey);

  const bodyLimitMb = file.server?.body_limit_mb;
  return {
    sourcePath: options.path,
    server: {
      host: options.overrides?.host ?? file.server?.host ?? defaults.host,
      port: options.overrides?.port ?? file.server?.port ?? defaults.port,
      bodyLimitBytes: bodyLimitMb ? Math.round(bodyLimitMb * 1024 * 1024) : defaults.bodyLimitBytes,
    },
    dataDir: options.overrides?.dataDir ?? file.storage?.data_dir ?? defaults.dataDir,
    logLevel: file.logging?.level ?? defaults.logLevel,
    masterKey,
    initProject,
    deployments: built.deployments,
    router,
    tracing: {
      retentionDays: file.tracing?.retention_days,
      storeBodies: file.tracing?.store_bodies ?? defaults.tracingStoreBodies,
    },
    warnings,
  };
}

/** Header names whose values are credentials, such as `x-gateway-auth` or `x-api-key`. */
const credentialHeaderName = /auth|key|token|secret|password|cookie/i;

/** Tells the scrubber every credential of the config, so that no log line or body repeats one. */
function registerSecrets(masterKey: string | undefined, deployments: Deployment[]): void {
  secretScrubber.register(masterKey, 6);
  for (const deployment of deployments) {
    secretScrubber.register(deployment.apiKey);
    for (const [name, value] of Object.entries(deployment.extraHeaders)) {
      if (!credentialHeaderName.test(name)) continue;
      secretScrubber.register(value);
      // A provider that echoes the header usually echoes the token without its scheme.
      secretScrubber.register(value.replace(/^\s*(?:bearer|basic|token)\s+/i, ''));
    }
  }
}

function readMasterKey(
  file: ConfigFile,
  environment: Environment,
  warnings: string[],
): string | undefined {
  const fromEnvironment = environment.SERENO_MASTER_KEY;
  const fromFile = file.general_settings?.master_key;
  if (fromEnvironment && fromFile && fromEnvironment !== fromFile) {
    warnings.push('SERENO_MASTER_KEY is set and wins over general_settings.master_key.');
  }
  return fromEnvironment || fromFile || undefined;
}

/** `init_project` of the file, each field overridden by `SERENO_INIT_PROJECT_*`. */
function readInitProject(file: ConfigFile, environment: Environment): InitProject | undefined {
  const name = environment.SERENO_INIT_PROJECT_NAME || file.init_project?.name;
  const publicKey = environment.SERENO_INIT_PROJECT_PUBLIC_KEY || file.init_project?.public_key;
  const secretKey = environment.SERENO_INIT_PROJECT_SECRET_KEY || file.init_project?.secret_key;
  if (!name && !publicKey && !secretKey) return undefined;
  return { name: name || 'default', publicKey, secretKey };
}

/** Fallback lists that name a model no deployment serves: read, skipped at request time. */
function warnUnknownFallbacks(
  router: RouterSettings,
  deployments: Deployment[],
  warnings: string[],
): void {
  const served = new Set(deployments.map((deployment) => deployment.modelName));
  const lists = {
    fallbacks: router.fallbacks,
    context_window_fallbacks: router.contextWindowFallbacks,
    content_policy_fallbacks: router.contentPolicyFallbacks,
  };
  for (const [key, map] of Object.entries(lists)) {
    for (const [model, targets] of map) {
      for (const name of [model, ...targets].filter((name) => !served.has(name))) {
        warnings.push(
          `router_settings.${key} names ${name}, which no model_list entry serves; it is skipped.`,
        );
      }
    }
  }
  for (const name of router.defaultFallbacks.filter((name) => !served.has(name))) {
    warnings.push(
      `router_settings.default_fallbacks names ${name}, which no model_list entry serves; it is skipped.`,
    );
  }
}

/** LiteLLM's `environment_variables` section sets variables for the rest of the file. */
function withConfigVariables(raw: object, environment: Environment): Environment {
  const section = (raw as { environment_variables?: unknown }).environment_variables;
  if (!section || typeof section !== 'object') return environment;
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(section)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) variables[name] = String(value);
  }
  return { ...variables, ...environment };
}

/** Moves `rpm` and `tpm` written on a model entry, as LiteLLM allows, into its `litellm_params`. */
function relocateEntryLimits(entries: ModelEntry[], warnings: string[]): void {
  entries.forEach((entry, index) => {
    for (const key of ['rpm', 'tpm'] as const) {
      const value = entry[key];
      if (value === undefined) continue;
      const params = `model_list[${index}].litellm_params.${key}`;
      if (entry.litellm_params[key] === undefined) {
        entry.litellm_params[key] = value;
        warnings.push(`model_list[${index}].${key} is read as ${params}.`);
      } else if (entry.litellm_params[key] !== value) {
        warnings.push(`model_list[${index}].${key} is ignored: ${params} is also set and wins.`);
      }
      delete entry[key];
    }
  });
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : String(error);
    throw new ConfigError(path, [reason]);
  }
}
