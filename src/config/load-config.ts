import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { secretScrubber } from '../logging/secret-scrubber.js';
import { loadBundledPriceTable, type PriceTable } from '../pricing/price-table.js';
import { buildDeployments } from './build-deployments.js';
import { buildRouterSettings } from './build-router-settings.js';
import { configFileSchema, type ConfigFile } from './config-file-schema.js';
import { ConfigError } from './config-error.js';
import { defaults } from './defaults.js';
import { findUnknownKeys } from './find-unknown-keys.js';
import { dropNulls, resolveEnvironment, type Environment } from './resolve-environment.js';
import type { SerenoConfig } from './sereno-config.js';

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
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(fileName, document.errors.map(describeYamlError));
  }

  const raw: unknown = document.toJS() ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(fileName, ['the file must hold a mapping of keys, such as model_list']);
  }

  const environment = withConfigVariables(raw, options.environment ?? process.env);
  const warnings: string[] = [];
  const resolved = resolveEnvironment(dropNulls(raw), environment);
  for (const { name, path } of resolved.missing) {
    warnings.push(`${path} refers to the environment variable ${name}, which is not set.`);
  }
  const relocated = relocateEntryLimits(resolved.value, warnings);

  const parsed = configFileSchema.safeParse(relocated);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      describeIssue(issue, document, lineCounter),
    );
    throw new ConfigError(fileName, problems);
  }

  const unknownKeys = findUnknownKeys(configFileSchema, relocated);
  if (unknownKeys.length > 0) {
    warnings.push(`keys Sereno does not act on yet, ignored: ${unknownKeys.join(', ')}`);
  }
  return buildConfig(parsed.data, environment, options, warnings);
}

function buildConfig(
  file: ConfigFile,
  environment: Environment,
  options: LoadConfigOptions,
  warnings: string[],
): SerenoConfig {
  const priceTable = options.priceTable ?? loadBundledPriceTable();
  const built = buildDeployments(file.model_list ?? [], environment, priceTable);
  warnings.push(...built.warnings);
  const router = buildRouterSettings(file.router_settings, file.litellm_settings, warnings);
  const masterKey = readMasterKey(file, environment, warnings);

  secretScrubber.register(masterKey);
  for (const deployment of built.deployments) secretScrubber.register(deployment.apiKey);

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
    deployments: built.deployments,
    router,
    warnings,
  };
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

/** LiteLLM's `environment_variables` section sets variables for the rest of the file. */
function withConfigVariables(raw: object, environment: Environment): Environment {
  const section = (raw as { environment_variables?: unknown }).environment_variables;
  if (!section || typeof section !== 'object') return environment;
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(section)) {
    if (typeof value === 'string' || typeof value === 'number') variables[name] = String(value);
  }
  return { ...variables, ...environment };
}

/** Moves `rpm` and `tpm` written on a model entry into its `litellm_params`. */
function relocateEntryLimits(value: unknown, warnings: string[]): unknown {
  const config = value as { model_list?: unknown };
  if (!Array.isArray(config.model_list)) return value;
  config.model_list.forEach((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return;
    const record = entry as Record<string, unknown>;
    const params = record.litellm_params as Record<string, unknown> | undefined;
    if (!params || typeof params !== 'object') return;
    for (const key of ['rpm', 'tpm'] as const) {
      if (record[key] === undefined) continue;
      if (params[key] === undefined) {
        params[key] = record[key];
        warnings.push(
          `model_list[${index}].${key} is read as model_list[${index}].litellm_params.${key}.`,
        );
      }
      delete record[key];
    }
  });
  return value;
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

function describeYamlError(error: {
  message: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}): string {
  const position = error.linePos?.[0];
  const where = position ? `line ${position.line}, column ${position.col}: ` : '';
  return `${where}${error.message.split('\n')[0]}`;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  document: Document,
  lineCounter: LineCounter,
): string {
  const path = formatPath(issue.path);
  const line = lineOf(document, issue.path, lineCounter);
  const where = line ? ` (line ${line})` : '';
  return `${path || '(top level)'}${where}: ${issue.message}`;
}

function formatPath(path: PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function lineOf(
  document: Document,
  path: PropertyKey[],
  lineCounter: LineCounter,
): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const node: unknown = document.getIn(path.slice(0, length) as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
