import type { FastifyInstance, FastifyRequest } from 'fastify';

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
}

export function registerRequestLog(app: FastifyInstance): void {
  app.decorateRequest('logFields', null as unknown as Record<string, unknown>);
  app.decorateRequest('lineLogged', false);
  app.addHook('onRequest', async (request) => {
    request.logFields = {};
  });
  app.addHook('onResponse', async (request, reply) => {
    logRequestLine(request, reply.statusCode, reply.elapsedTime);
  });
}
