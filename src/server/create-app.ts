import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppServices } from './app-services.js';
import { createAuthenticator, type Caller } from './auth.js';
import { answerMalformedRequest, registerErrorHandling, sendError } from './error-handler.js';
import { BadRequestError } from '../errors/sereno-error.js';
import './fastify-types.js';
import { registerJsonBodyParser } from './json-body-parser.js';
import { registerRequestLog } from './request-log.js';
import { registerAdminProjectsRoutes } from './routes/admin-projects-route.js';
import { registerChatCompletionsRoute } from './routes/chat-completions-route.js';
import { registerEmbeddingsRoute } from './routes/embeddings-route.js';
import { registerMessagesRoute } from './routes/messages-route.js';
import { registerMetricsRoute } from './routes/metrics-route.js';
import { registerHealthRoutes } from './routes/health-route.js';
import { registerIngestionRoute } from './routes/ingestion-route.js';
import { registerModelsRoute } from './routes/models-route.js';
import { registerOtelTracesRoute } from './routes/otel-traces-route.js';
import { registerPromptSettingsRoutes } from './routes/prompt-settings-route.js';
import { registerPublicPromptsRoutes } from './routes/public-prompts-route.js';
import { registerPublicModelsRoutes } from './routes/public-models-route.js';
import { registerPublicMetricsDailyRoute } from './routes/public-metrics-daily-route.js';
import { registerPublicObservationsRoutes } from './routes/public-observations-route.js';
import { registerPublicScoresListRoute } from './routes/public-scores-route.js';
import { registerPublicSessionsRoutes } from './routes/public-sessions-route.js';
import { registerPublicTracesRoute } from './routes/public-traces-route.js';
import { registerRouterHealthRoutes } from './routes/router-health-route.js';

/** Paths that answer without a key: probes only. */
const openPaths = new Set(['/health/liveliness', '/health/liveness', '/health/readiness']);

/** Builds the HTTP app: hooks, the error exit and every route, on the given services. */
export function createApp(services: AppServices, logger: FastifyBaseLogger): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    genReqId: () => randomUUID(),
    bodyLimit: services.config.server.bodyLimitBytes,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (error, request, reply) => {
      void sendError(
        request,
        reply,
        new BadRequestError(`The request URL cannot be read: ${error.message}`, {
          code: 'invalid_request',
        }),
      );
    },
    clientErrorHandler: answerMalformedRequest,
  });

  registerRequestLog(app, services.metrics.observeRequest);
  registerJsonBodyParser(app);
  registerErrorHandling(app);

  const authenticate = createAuthenticator({
    masterKey: services.config.masterKey,
    directory: services.projects,
    defaultProjectId: services.defaultProjectId,
  });
  app.decorateRequest('caller', null as unknown as Caller);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (openPaths.has(request.url.split('?')[0] ?? '')) return;
    request.caller = await authenticate(request);
  });

  registerHealthRoutes(app, services);
  registerModelsRoute(app, services);
  registerChatCompletionsRoute(app, services);
  registerMessagesRoute(app, services);
  registerEmbeddingsRoute(app, services);
  registerPublicTracesRoute(app, services);
  registerIngestionRoute(app, services);
  registerPublicModelsRoutes(app, services);
  registerOtelTracesRoute(app, services);
  registerPublicObservationsRoutes(app, services);
  registerPublicSessionsRoutes(app, services);
  registerPublicScoresListRoute(app, services);
  registerPublicMetricsDailyRoute(app, services);
  registerRouterHealthRoutes(app, services);
  registerMetricsRoute(app, services);
  registerAdminProjectsRoutes(app, services);
  registerPublicPromptsRoutes(app, services);
  registerPromptSettingsRoutes(app, services);
  return app;
}
