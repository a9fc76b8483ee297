import 'fastify';
import type { Caller } from './auth.js';
import type { RequestEndListener } from './request-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; set for every route that needs a key. */
    caller: Caller;
    /** Fields added to the one log line written when the request ends. */
    logFields: Record<string, unknown>;
    /** Set when a route wrote its own response line, as streaming routes do. */
    lineLogged: boolean;
    /** Told how the request ended, with the log line; the metrics count it. */
    onEnd: RequestEndListener | null;
  }
}
