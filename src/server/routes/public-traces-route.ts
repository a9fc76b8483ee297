import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors/sereno-error.js';
import { loadTraceAggregates } from '../../tracing/read-api/trace-aggregates.js';
import { listTraces } from '../../tracing/read-api/trace-list.js';
import { traceListQuerySchema } from '../../tracing/read-api/trace-list-query.js';
import { needsAggregates, traceListItemView } from '../../tracing/read-api/trace-list-view.js';
import { pageMeta } from '../../tracing/read-api/list-query-fields.js';
import { findTrace } from '../../tracing/trace-repository.js';
import { traceWithDetailsView } from '../../tracing/trace-views.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/** `GET /api/public/traces` and `GET /api/public/traces/{id}` in Langfuse's shapes. */
export function registerPublicTracesRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/traces', async (request) => {
    const query = parseBody(traceListQuerySchema, request.query);
    const { projectId } = request.caller;
    // A trace queued a moment ago must be listed: write out what is queued first.
    await services.traceWriter.flush();
    const page = await listTraces(services.db, projectId, {
      page: query.page,
      limit: query.limit,
      filter: query,
      order: query.orderBy,
      withBodies: query.fields.has('io'),
    });
    const aggregates = needsAggregates(query.fields)
      ? await loadTraceAggregates(services.db, projectId, page.rows)
      : new Map();
    return {
      data: page.rows.map((row) => traceListItemView(row, aggregates.get(row.id), query.fields)),
      meta: pageMeta(query, page.totalItems),
    };
  });

  app.get('/api/public/traces/:traceId', async (request) => {
    const { traceId } = request.params as { traceId: string };
    // A trace queued a moment ago must be readable: write out what is queued first.
    await services.traceWriter.flush();
    const found = await findTrace(services.db, request.caller.projectId, traceId);
    if (!found) throw new NotFoundError(`Trace ${traceId} not found.`, { code: 'not_found' });
    return traceWithDetailsView(found);
  });
}
