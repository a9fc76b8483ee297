import type { AppServices } from '../app-services.js';

/**
 * Whether every deployment that may serve a model name speaks Anthropic's protocol: the
 * model group's own and those of the fallback groups the config names for it. Decides
 * whether an Anthropic-only field such as `top_k` may go upstream, since the router picks
 * the deployment after the request is built and OpenAI-compatible upstreams refuse it.
 */
export function servedOnlyByAnthropic(services: AppServices, modelName: string): boolean {
  const settings = services.config.router;
  const groups = [
    modelName,
    ...(settings.fallbacks.get(modelName) ?? settings.defaultFallbacks),
    ...(settings.contextWindowFallbacks.get(modelName) ?? []),
    ...(settings.contentPolicyFallbacks.get(modelName) ?? []),
  ];
  return groups.every((name) =>
    (services.registry.group(name)?.deployments ?? []).every(
      (deployment) => deployment.protocol === 'anthropic',
    ),
  );
}
