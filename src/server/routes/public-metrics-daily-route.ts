import type { FastifyInstance } from 'fastify';
import { dailyMetrics, dailyMetricsQuerySchema } from '../../tracing/read-api/daily-metrics.js';
import { pageMeta } from '../../tracing/read-api/list-query-fields.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/** `GET /api/public/metrics/daily`: traces, observations, usage and cost per day and model. */
export function registerPublicMetricsDailyRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/api/public/metrics/daily', async (request) => {
    const query = parseBody(dailyMetricsQuerySchema, request.query);
    await services.traceWriter.flush();
    const result = await dailyMetrics(services.db, request.caller.projectId, query);
    return { data: result.days, meta: pageMeta(query, result.totalItems) };
  });
}
