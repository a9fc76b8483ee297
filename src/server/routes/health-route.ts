import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppServices } from '../app-services.js';

/** Liveness and readiness probes; they need no key. */
export function registerHealthRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/health/liveliness', async () => ({ status: 'alive' }));
  app.get('/health/liveness', async () => ({ status: 'alive' }));

  app.get('/health/readiness', async (_request, reply) => {
    try {
      await sql`select 1`.execute(services.db);
      return { status: 'healthy', db: 'connected', models: services.registry.allGroups().length };
    } catch {
      return reply.status(503).send({ status: 'unhealthy', db: 'unreachable' });
    }
  });
}
