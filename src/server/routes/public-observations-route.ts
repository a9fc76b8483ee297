import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors/sereno-error.js';
import { pageMeta } from '../../tracing/read-api/list-query-fields.js';
import {
  findObservation,
  listObservations,
  observationListQuerySchema,
} from '../../tracing/read-api/observation-list.js';
import { observationView } from '../../tracing/trace-views.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/** `GET /api/public/observations` and `GET /api/public/observations/{id}` in Langfuse's shapes. */
export function registerPublicObservationsRoutes(
  app: FastifyInstance,
  services: AppServices,
): void {
  app.get('/api/public/observations', async (request) => {
    const query = parseBody(observationListQuerySchema, request.query);
    await services.traceWriter.flush();
    const page = await listObservations(services.db, request.caller.projectId, query);
    return { data: page.rows.map(observationView), meta: pageMeta(query, page.totalItems) };
  });

  app.get('/api/public/observations/:observationId', async (request) => {
    const { observationId } = request.params as { observationId: string };
    await services.traceWriter.flush();
    const row = await findObservation(services.db, request.caller.projectId, observationId);
    if (!row) {
      throw new NotFoundError(`Observation ${observationId} not found.`, { code: 'not_found' });
    }
    return observationView(row);
  });
}
