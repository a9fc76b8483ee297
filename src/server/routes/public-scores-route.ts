import type { FastifyInstance } from 'fastify';
import { pageMeta } from '../../tracing/read-api/list-query-fields.js';
import { listScores, scoreListQuerySchema } from '../../tracing/read-api/score-list.js';
import { scoreListItemView } from '../../tracing/read-api/score-list-view.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/** `GET /api/public/scores`, Langfuse's first score list, with each score's trace. */
export function registerPublicScoresListRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/scores', async (request) => {
    const query = parseBody(scoreListQuerySchema, request.query);
    await services.traceWriter.flush();
    const page = await listScores(services.db, request.caller.projectId, query);
    return { data: page.rows.map(scoreListItemView), meta: pageMeta(query, page.totalItems) };
  });
}
