import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields added to the one log line written when the request ends. */
    logFields: Record<string, unknown>;
    /** Set when a route wrote its own response line, as streaming routes do. */
    lineLogged: boolean;
  }
}
