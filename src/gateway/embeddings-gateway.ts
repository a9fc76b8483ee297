import type { EmbeddingsRequest, EmbeddingsResponse } from '../wire/openai/embeddings-schema.js';
import type { CallRecorder } from './call-recorder.js';
import type { GatewayServices } from './chat-gateway.js';
import { recordSuccess, type RoutedOutcome } from './record-success.js';
import type { RequestContext } from './request-context.js';
import { withFailureRecorded } from './with-failure-recorded.js';

export type EmbeddingsOutcome = RoutedOutcome<EmbeddingsResponse>;

/** Embeddings through the router, priced by their input tokens and recorded. */
export function createEmbeddings(
  request: EmbeddingsRequest,
  context: RequestContext,
  recorder: CallRecorder,
  services: GatewayServices,
): Promise<EmbeddingsOutcome> {
  return withFailureRecorded(recorder, async () => {
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
    const output = { embeddings: response.data.length, model: response.model };
    return recordSuccess(recorder, routed, { response, output, usage });
  });
}
