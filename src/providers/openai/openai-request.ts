import type { Deployment } from '../../models/deployment.js';
import { gatewayOnlyFields, type ChatRequest } from '../../wire/openai/chat-request-schema.js';
import type { EmbeddingsRequest } from '../../wire/openai/embeddings-schema.js';

/**
 * The body sent to an OpenAI-compatible upstream: the client's own, with the deployment's
 * model, without the fields meant for Sereno, and asking for usage on streams.
 */
export function toOpenAiChatBody(
  request: ChatRequest,
  deployment: Deployment,
  stream: boolean,
): string {
  const body: Record<string, unknown> = { ...request, model: deployment.upstreamModel };
  for (const field of gatewayOnlyFields) delete body[field];
  if (stream) {
    body.stream = true;
    body.stream_options = { ...(request.stream_options ?? {}), include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return JSON.stringify(body);
}

export function toOpenAiEmbeddingsBody(request: EmbeddingsRequest, deployment: Deployment): string {
  const body: Record<string, unknown> = { ...request, model: deployment.upstreamModel };
  delete body.metadata;
  return JSON.stringify(body);
}
