import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../errors/sereno-error.js';
import { pageMeta } from '../../tracing/read-api/list-query-fields.js';
import {
  findSession,
  listSessions,
  sessionListQuerySchema,
  type SessionSummary,
} from '../../tracing/read-api/session-list.js';
import { traceView } from '../../tracing/trace-views.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

function sessionView(session: SessionSummary) {
  return {
    id: session.id,
    createdAt: new Date(session.createdAt).toISOString(),
    projectId: session.projectId,
    environment: session.environment,
  };
}

/** `GET /api/public/sessions` and `GET /api/public/sessions/{id}` with its traces. */
export function registerPublicSessionsRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/sessions', async (request) => {
    const query = parseBody(sessionListQuerySchema, request.query);
    await services.traceWriter.flush();
    const page = await listSessions(services.db, request.caller.projectId, query);
    return { data: page.sessions.map(sessionView), meta: pageMeta(query, page.totalItems) };
  });

  app.get('/api/public/sessions/:sessionId', async (request) => {
    const { sessionId } = request.params as { sessionId: string };
    await services.traceWriter.flush();
    const found = await findSession(services.db, request.caller.projectId, sessionId);
    if (!found) throw new NotFoundError(`Session ${sessionId} not found.`, { code: 'not_found' });
    return { ...sessionView(found.session), traces: found.traces.map(traceView) };
  });
}
