import type { Deployment } from '../models/deployment.js';
import { computeCost, type CostBreakdown } from '../pricing/cost.js';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../wire/openai/embeddings-schema.js';
import type { CallRecorder } from './call-recorder.js';
import type { GatewayServices } from './chat-gateway.js';
import type { RequestContext } from './request-context.js';

export interface EmbeddingsOutcome {
  response: EmbeddingsResponse;
  deployment: Deployment;
  cost: CostBreakdown;
  attempts: number;
  fallbacks: number;
}

/** Embeddings through the router, priced by their input tokens and recorded. */
export async function createEmbeddings(
  request: EmbeddingsRequest,
  context: RequestContext,
  recorder: CallRecorder,
  services: GatewayServices,
): Promise<EmbeddingsOutcome> {
  try {
    const routed = await services.router.execute(
      {
        modelName: request.model,
        stream: false,
        signal: context.signal,
        deadline: context.deadline,
        onAttempt: recorder.recordAttempt,
      },
      (attempt) =>
        services.adapters[attempt.deployment.protocol].embed(request, attempt.deployment, {
          signal: attempt.signal,
          timeoutMs: attempt.timeoutMs,
          logger: context.logger,
        }),
    );
    const { response, usage } = routed.value;
    const cost = computeCost(usage, routed.deployment.prices);
    const output = { embeddings: response.data.length, model: response.model };
    recorder.succeed({ deployment: routed.deployment, output, usage, cost });
    return {
      response,
      deployment: routed.deployment,
      cost,
      attempts: routed.attempts,
      fallbacks: routed.fallbacks,
    };
  } catch (error) {
    recorder.fail(error as Error);
    throw error;
  }
}
