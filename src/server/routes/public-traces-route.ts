import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors/sereno-error.js';
import { findTrace } from '../../tracing/trace-repository.js';
import { traceWithDetailsView } from '../../tracing/trace-views.js';
import type { AppServices } from '../app-services.js';

/** `GET /api/public/traces/{id}` in Langfuse's shape. */
export function registerPublicTracesRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/traces/:traceId', async (request) => {
    const { traceId } = request.params as { traceId: string };
    // A trace queued a moment ago must be readable: write out what is queued first.
    await services.traceWriter.flush();
    const found = await findTrace(services.db, request.caller.projectId, traceId);
    if (!found) throw new NotFoundError(`Trace ${traceId} not found.`, { code: 'not_found' });
    return traceWithDetailsView(found);
  });
}
