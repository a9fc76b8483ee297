import type { FastifyInstance } from 'fastify';
import { PermissionDeniedError } from '../../errors/sereno-error.js';
import type { AppServices } from '../app-services.js';

/**
 * `GET /metrics` in Prometheus' text format. It needs the master key (sent by Prometheus
 * as `authorization` with a bearer token): the counts span every project and name every
 * deployment, so a project's own key may not read them.
 */
export function registerMetricsRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/metrics', async (request, reply) => {
    if (!request.caller.isAdmin) {
      throw new PermissionDeniedError('Only the master key may read /metrics.', {
        code: 'permission_denied',
      });
    }
    const text = await services.metrics.render();
    return reply.header('content-type', services.metrics.contentType).send(text);
  });
}
