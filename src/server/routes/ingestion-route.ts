import type { FastifyInstance } from 'fastify';
import { IngestionService } from '../../tracing/ingestion/ingestion-service.js';
import type { AppServices } from '../app-services.js';

/**
 * `POST /api/public/ingestion`, Langfuse's batch ingestion, as its SDKs call it. Answers
 * 207 with `{successes, errors}` once the accepted events are durable; 400 for a body that
 * is not a batch; 429 with `Retry-After` when the trace queue is full, storing nothing.
 */
export function registerIngestionRoute(app: FastifyInstance, services: AppServices): void {
  const ingestion = new IngestionService({
    db: services.db,
    traceWriter: services.traceWriter,
    clock: services.clock,
  });
  app.post('/api/public/ingestion', async (request, reply) => {
    const result = await ingestion.ingest(request.caller.projectId, request.body);
    request.logFields.events = result.successes.length + result.errors.length;
    request.logFields.refusedEvents = result.errors.length;
    return reply.status(207).send(result);
  });
}
