import type { FastifyInstance } from 'fastify';
import { createEmbeddings } from '../../gateway/embeddings-gateway.js';
import { embeddingsRequestSchema } from '../../wire/openai/embeddings-schema.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';
import { reportOutcome } from '../report-outcome.js';
import { withGatewayCall } from '../with-gateway-call.js';

/** `POST /v1/embeddings` in OpenAI's wire format. */
export function registerEmbeddingsRoute(app: FastifyInstance, services: AppServices): void {
  app.post('/v1/embeddings', async (request, reply) => {
    const body = parseBody(embeddingsRequestSchema, request.body);
    const description = {
      name: 'embeddings',
      model: body.model,
      input: body.input,
      modelParameters: body.dimensions ? { dimensions: body.dimensions } : {},
    };

    return withGatewayCall(request, reply, services, description, async (call) => {
      const outcome = await createEmbeddings(body, call.context, call.recorder, services.gateway);
      return reportOutcome(request, reply, outcome).send(outcome.response);
    });
  });
}
