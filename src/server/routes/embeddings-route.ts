import type { FastifyInstance } from 'fastify';
import { CallRecorder } from '../../gateway/call-recorder.js';
import { createEmbeddings } from '../../gateway/embeddings-gateway.js';
import { embeddingsRequestSchema } from '../../wire/openai/embeddings-schema.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';
import { createRequestContext } from '../request-context-factory.js';

/** `POST /v1/embeddings` in OpenAI's wire format. */
export function registerEmbeddingsRoute(app: FastifyInstance, services: AppServices): void {
  app.post('/v1/embeddings', async (request, reply) => {
    const body = parseBody(embeddingsRequestSchema, request.body);
    const context = createRequestContext(request, reply, services);
    const recorder = new CallRecorder(context, services.traceWriter, services.clock, {
      name: 'embeddings',
      model: body.model,
      input: body.input,
      modelParameters: body.dimensions ? { dimensions: body.dimensions } : {},
    });
    request.logFields.model = body.model;

    try {
      const outcome = await createEmbeddings(body, context, recorder, services.gateway);
      request.logFields.deployment = outcome.deployment.id;
      request.logFields.costUsd = outcome.cost.total;
      return reply
        .header('x-sereno-deployment', outcome.deployment.id)
        .header('x-sereno-response-cost', String(outcome.cost.total))
        .header('x-sereno-attempts', String(outcome.attempts))
        .header('x-sereno-fallbacks', String(outcome.fallbacks))
        .send(outcome.response);
    } finally {
      recorder.finish();
      context.dispose();
    }
  });
}
