import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../errors/sereno-error.js';
import {
  createModelPriceSchema,
  modelPriceFrom,
  modelPriceView,
} from '../../tracing/ingestion/model-price-request.js';
import {
  countModelPrices,
  deleteModelPrice,
  findModelPrice,
  insertModelPrice,
  listModelPrices,
} from '../../tracing/ingestion/model-price-repository.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Model ${id} not found.`, { code: 'not_found' });
}

/**
 * Langfuse's models API on the caller's project: `GET` and `POST /api/public/models`,
 * `GET` and `DELETE /api/public/models/{id}`. The prices listed are the project's own; the
 * bundled price table Sereno falls back on is not listed.
 */
export function registerPublicModelsRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/models', async (request) => {
    const { page, limit } = parseBody(pageSchema, request.query ?? {});
    const projectId = request.caller.projectId;
    const [prices, totalItems] = await Promise.all([
      listModelPrices(services.db, projectId, { limit, offset: (page - 1) * limit }),
      countModelPrices(services.db, projectId),
    ]);
    return {
      data: prices.map(modelPriceView),
      meta: { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) },
    };
  });

  app.post('/api/public/models', async (request) => {
    const body = parseBody(createModelPriceSchema, request.body);
    const price = modelPriceFrom(body, request.caller.projectId, services.clock.now());
    await insertModelPrice(services.db, price);
    return modelPriceView(price);
  });

  app.get('/api/public/models/:id', async (request) => {
    const { id } = request.params as { id: string };
    const price = await findModelPrice(services.db, request.caller.projectId, id);
    if (!price) throw notFound(id);
    return modelPriceView(price);
  });

  app.delete('/api/public/models/:id', async (request) => {
    const { id } = request.params as { id: string };
    if (!(await deleteModelPrice(services.db, request.caller.projectId, id))) throw notFound(id);
    return { message: 'Model successfully deleted' };
  });
}
