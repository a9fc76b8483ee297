import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A request that ended, as the metrics see it: its route's pattern, never its URL. */
export interface RequestEnd {
  route: string;
  status: number;
  model: unknown;
  errorCode: unknown;
}

export type RequestEndListener = (end: RequestEnd) => void;

/** The one info line of a request: what was asked, how it ended, how long it took. */
export function logRequestLine(request: FastifyRequest, status: number, durationMs: number): void {
  if (request.lineLogged) return;
  request.lineLogged = true;
  request.log.info(
    {
      method: request.method,
      path: request.url.split('?')[0],
      status,
      durationMs: Math.round(durationMs * 100) / 100,
      ...request.logFields,
    },
    'request completed',
  );
  const { model, errorCode } = request.logFields;
  request.onEnd?.({ route: request.routeOptions.url ?? 'unmatched', status, model, errorCode });
}

export function registerRequestLog(app: FastifyInstance, onEnd?: RequestEndListener): void {
  app.decorateRequest('logFields', null as unknown as Record<string, unknown>);
  app.decorateRequest('lineLogged', false);
  app.decorateRequest('onEnd', null);
  app.addHook('onRequest', async (request) => {
    request.logFields = {};
    request.onEnd = onEnd ?? null;
  });
  app.addHook('onResponse', async (request, reply) => {
    logRequestLine(request, reply.statusCode, reply.elapsedTime);
  });
}
