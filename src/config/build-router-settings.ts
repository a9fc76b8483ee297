import type {
  FallbackList,
  LitellmSettingsFile,
  RouterSettingsFile,
} from './config-file-schema.js';
import { defaults } from './defaults.js';
import type { PolicyErrorKind, RouterSettings, RoutingStrategy } from './sereno-config.js';

const routingKeys = [
  'num_retries',
  'request_timeout',
  'timeout',
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'allowed_fails',
  'cooldown_time',
  'retry_policy',
  'allowed_fails_policy',
] as const;

const policyKeys: Record<string, PolicyErrorKind> = {
  BadRequestError: 'badRequest',
  AuthenticationError: 'authentication',
  TimeoutError: 'timeout',
  RateLimitError: 'rateLimit',
  ContentPolicyViolationError: 'contentPolicy',
  InternalServerError: 'internalServer',
};

/**
 * Reads the router's settings from `router_settings`, taking a key from
 * `litellm_settings` when only older configs put it there, and says so.
 */
export function buildRouterSettings(
  routerFile: RouterSettingsFile | undefined,
  litellmFile: LitellmSettingsFile | undefined,
  warnings: string[],
): RouterSettings {
  const merged: RouterSettingsFile = { ...routerFile };
  for (const key of routingKeys) {
    const value = litellmFile?.[key];
    if (value === undefined) continue;
    if (merged[key] === undefined) {
      (merged as Record<string, unknown>)[key] = value;
      warnings.push(`litellm_settings.${key} is read as router_settings.${key}.`);
    } else {
      warnings.push(
        `litellm_settings.${key} is ignored: router_settings.${key} is also set and wins.`,
      );
    }
  }

  const timeoutSeconds = merged.timeout ?? merged.request_timeout;
  return {
    routingStrategy: readStrategy(merged.routing_strategy),
    numRetries: merged.num_retries ?? defaults.router.numRetries,
    timeoutMs: timeoutSeconds ? Math.round(timeoutSeconds * 1000) : defaults.router.timeoutMs,
    streamTimeoutMs: merged.stream_timeout ? Math.round(merged.stream_timeout * 1000) : undefined,
    maxAttempts: merged.max_attempts,
    fallbacks: readFallbacks(merged.fallbacks),
    contextWindowFallbacks: readFallbacks(merged.context_window_fallbacks),
    contentPolicyFallbacks: readFallbacks(merged.content_policy_fallbacks),
    defaultFallbacks: toList(merged.default_fallbacks),
    allowedFails: merged.allowed_fails ?? defaults.router.allowedFails,
    cooldownSeconds: merged.cooldown_time ?? defaults.router.cooldownSeconds,
    retryPolicy: readPolicy(merged.retry_policy, 'Retries'),
    allowedFailsPolicy: readPolicy(merged.allowed_fails_policy, 'AllowedFails'),
    enablePreCallChecks: merged.enable_pre_call_checks ?? true,
  };
}

function readStrategy(strategy: RouterSettingsFile['routing_strategy']): RoutingStrategy {
  if (strategy === undefined) return 'simple-shuffle';
  return strategy === 'usage-based-routing-v2' ? 'usage-based-routing' : strategy;
}

/** Accepts LiteLLM's list of one-key maps, or one map, with a name or a list as targets. */
export function readFallbacks(list: FallbackList | undefined): Map<string, string[]> {
  const fallbacks = new Map<string, string[]>();
  if (!list) return fallbacks;
  const maps = Array.isArray(list) ? list : [list];
  for (const map of maps) {
    for (const [model, targets] of Object.entries(map)) {
      fallbacks.set(model, [...(fallbacks.get(model) ?? []), ...toList(targets)]);
    }
  }
  return fallbacks;
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function readPolicy(
  policy: Record<string, unknown> | undefined,
  suffix: string,
): Partial<Record<PolicyErrorKind, number>> {
  const result: Partial<Record<PolicyErrorKind, number>> = {};
  if (!policy) return result;
  for (const [name, kind] of Object.entries(policyKeys)) {
    const value = policy[name + suffix];
    if (typeof value === 'number') result[kind] = value;
  }
  return result;
}
