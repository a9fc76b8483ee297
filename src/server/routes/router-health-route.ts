import type { FastifyInstance } from 'fastify';
import type { Deployment } from '../../models/deployment.js';
import type { AppServices } from '../app-services.js';

function publicParams(deployment: Deployment) {
  return {
    model: `${deployment.provider}/${deployment.upstreamModel}`,
    api_base: deployment.apiBase,
    api_version: deployment.apiVersion,
    rpm: deployment.rpm,
    tpm: deployment.tpm,
    weight: deployment.weight,
    order: deployment.order,
    timeout: deployment.timeoutMs === undefined ? undefined : deployment.timeoutMs / 1000,
    stream_timeout:
      deployment.streamTimeoutMs === undefined ? undefined : deployment.streamTimeoutMs / 1000,
  };
}

/**
 * `GET /health`: each deployment's state as the router sees it (no upstream is called).
 * `GET /model/info`: the deployments with prices and limits, never their keys.
 */
export function registerRouterHealthRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/health', async () => {
    const deployments = services.registry.allDeployments();
    const now = services.clock.now();
    const health = await services.gateway.router.state.health(
      deployments.map((deployment) => deployment.id),
      now,
    );
    const entries = deployments.map((deployment, index) => {
      const state = health[index]!;
      return {
        id: deployment.id,
        model_name: deployment.modelName,
        provider: deployment.provider,
        status: state.status === 'cooling' ? 'cooling_down' : state.status,
        cooldown_until: state.cooldownUntil ? new Date(state.cooldownUntil).toISOString() : null,
        recent_failures: state.recentFailures,
        in_flight: state.inFlight,
        latency_ms: state.latencyMs === undefined ? null : Math.round(state.latencyMs),
      };
    });
    const healthy = entries.filter((entry) => entry.status === 'healthy').length;
    return {
      status: healthy === entries.length ? 'healthy' : 'degraded',
      healthy_count: healthy,
      unhealthy_count: entries.length - healthy,
      deployments: entries,
    };
  });

  app.get('/model/info', async () => ({
    data: services.registry.allDeployments().map((deployment) => ({
      model_name: deployment.modelName,
      litellm_params: publicParams(deployment),
      model_info: {
        id: deployment.id,
        mode: deployment.mode ?? 'chat',
        ...deployment.prices,
      },
    })),
  }));
}
