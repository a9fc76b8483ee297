import type { Deployment } from '../../models/deployment.js';
import { fromOpenAiUsage } from '../../wire/openai/openai-usage.js';
import type { CallOptions, ChatStreamEvent, ProviderAdapter } from '../provider.js';
import { withBaseQuery } from '../upstream-url.js';
import {
  readJsonBody,
  sendUpstream,
  toProviderError,
  type UpstreamRequest,
} from '../upstream-http.js';
import { readOpenAiErrorBody } from './openai-errors.js';
import { toOpenAiChatBody, toOpenAiEmbeddingsBody } from './openai-request.js';
import { asChatCompletion, asEmbeddingsResponse } from './openai-response.js';
import { readOpenAiStream } from './openai-stream.js';

/** Where an OpenAI-shaped upstream takes its requests, and how it wants to be authenticated. */
export interface OpenAiEndpoints {
  chatUrl(deployment: Deployment): string;
  embeddingsUrl(deployment: Deployment): string;
  headers(deployment: Deployment): Record<string, string>;
}

export const openAiEndpoints: OpenAiEndpoints = {
  chatUrl: (deployment) => withBaseQuery(deployment, `${deployment.apiBase}/chat/completions`),
  embeddingsUrl: (deployment) => withBaseQuery(deployment, `${deployment.apiBase}/embeddings`),
  headers: (deployment) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (deployment.apiKey) headers.authorization = `Bearer ${deployment.apiKey}`;
    if (deployment.organization) headers['openai-organization'] = deployment.organization;
    return { ...headers, ...deployment.extraHeaders };
  },
};

/** The adapter for OpenAI and every server that speaks its chat completions API. */
export function createOpenAiAdapter(endpoints: OpenAiEndpoints = openAiEndpoints): ProviderAdapter {
  const upstreamRequest = (
    deployment: Deployment,
    url: string,
    body: string,
    options: CallOptions,
    stream = false,
  ): UpstreamRequest => ({
    provider: deployment.provider,
    url,
    headers: endpoints.headers(deployment),
    body,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: stream ? options.streamIdleTimeoutMs : undefined,
  });

  return {
    async chat(request, deployment, options) {
      const body = toOpenAiChatBody(request, deployment, false);
      const upstream = upstreamRequest(deployment, endpoints.chatUrl(deployment), body, options);
      const response = await sendUpstream(upstream, readOpenAiErrorBody);
      const completion = asChatCompletion(
        deployment.provider,
        await readJsonBody(response, upstream),
      );
      return {
        response: completion,
        usage: completion.usage ? fromOpenAiUsage(completion.usage) : undefined,
      };
    },

    async *streamChat(request, deployment, options): AsyncGenerator<ChatStreamEvent> {
      const body = toOpenAiChatBody(request, deployment, true);
      const url = endpoints.chatUrl(deployment);
      const upstream = upstreamRequest(deployment, url, body, options, true);
      const response = await sendUpstream(upstream, readOpenAiErrorBody);
      try {
        yield* readOpenAiStream(deployment.provider, response.body);
      } catch (error) {
        throw toProviderError(deployment.provider, error, options.signal);
      }
    },

    async embed(request, deployment, options) {
      const body = toOpenAiEmbeddingsBody(request, deployment);
      const upstream = upstreamRequest(
        deployment,
        endpoints.embeddingsUrl(deployment),
        body,
        options,
      );
      const response = await sendUpstream(upstream, readOpenAiErrorBody);
      const embeddings = asEmbeddingsResponse(
        deployment.provider,
        await readJsonBody(response, upstream),
      );
      const usage = fromOpenAiUsage({ prompt_tokens: embeddings.usage.prompt_tokens });
      return { response: embeddings, usage };
    },
  };
}
