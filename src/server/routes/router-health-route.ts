import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PermissionDeniedError } from '../../errors/sereno-error.js';
import type { Deployment } from '../../models/deployment.js';
import type { AppServices } from '../app-services.js';

/** An address without what may be a credential: user, password, query and fragment. */
function displayedAddress(apiBase: string): string {
  try {
    const url = new URL(apiBase);
    return `${url.origin}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return '[unreadable address]';
  }
}

function requireMasterKey(request: FastifyRequest): void {
  if (!request.caller.isAdmin) {
    throw new PermissionDeniedError('Only the master key may read the deployments.', {
      code: 'permission_denied',
    });
  }
}

function publicParams(deployment: Deployment) {
  return {
    model: `${deployment.provider}/${deployment.upstreamModel}`,
    api_base: displayedAddress(deployment.apiBase),
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
 * `GET /model/info`: the deployments with prices and limits, never their keys, nor
 * credentials written into their addresses. Both name every deployment of every
 * project, so they need the master key.
 */
export function registerRouterHealthRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/health', async (request) => {
    requireMasterKey(request);
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

  app.get('/model/info', async (request) => {
    requireMasterKey(request);
    return {
      data: services.registry.allDeployments().map((deployment) => ({
        model_name: deployment.modelName,
        litellm_params: publicParams(deployment),
        model_info: {
          id: deployment.id,
          mode: deployment.mode ?? 'chat',
          ...deployment.prices,
        },
      })),
    };
  });
}
