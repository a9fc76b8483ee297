import type { Deployment } from '../../models/deployment.js';
import type { CallOptions, ChatStreamEvent, ProviderAdapter } from '../provider.js';
import {
  readJsonBody,
  sendUpstream,
  toProviderError,
  type UpstreamRequest,
  type UpstreamResponse,
} from '../upstream-http.js';
import { toEmbeddingsResponse, toGeminiEmbedRequest } from './gemini-embeddings.js';
import { geminiHeaders, geminiUrl, type GeminiMethod } from './gemini-endpoints.js';
import { readGeminiErrorBody, refineGeminiError } from './gemini-errors.js';
import { toGeminiRequest } from './gemini-request.js';
import { toChatCompletion } from './gemini-response.js';
import { readGeminiStream } from './gemini-stream.js';

function upstreamRequest(
  deployment: Deployment,
  method: GeminiMethod,
  body: unknown,
  options: CallOptions,
): UpstreamRequest {
  return {
    provider: deployment.provider,
    url: geminiUrl(deployment, method),
    headers: geminiHeaders(deployment),
    body: JSON.stringify(body),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: method === 'streamGenerateContent' ? options.streamIdleTimeoutMs : undefined,
  };
}

async function send(upstream: UpstreamRequest): Promise<UpstreamResponse> {
  try {
    return await sendUpstream(upstream, readGeminiErrorBody);
  } catch (error) {
    throw refineGeminiError(error);
  }
}

/**
 * The adapter for Google AI for Developers (the Gemini API with an API key): chat through
 * generateContent and streamGenerateContent, embeddings through batchEmbedContents.
 */
export function createGeminiAdapter(): ProviderAdapter {
  return {
    async chat(request, deployment, options) {
      const upstream = upstreamRequest(
        deployment,
        'generateContent',
        toGeminiRequest(request),
        options,
      );
      const response = await send(upstream);
      const body = await readJsonBody(response, upstream);
      const { completion, usage } = toChatCompletion(
        deployment.provider,
        body,
        deployment.upstreamModel,
      );
      return { response: completion, usage };
    },

    async *streamChat(request, deployment, options): AsyncGenerator<ChatStreamEvent> {
      const body = toGeminiRequest(request);
      const upstream = upstreamRequest(deployment, 'streamGenerateContent', body, options);
      const response = await send(upstream);
      try {
        yield* readGeminiStream(deployment.provider, deployment.upstreamModel, response.body);
      } catch (error) {
        throw toProviderError(deployment.provider, error, options.signal);
      }
    },

    async embed(request, deployment, options) {
      const body = toGeminiEmbedRequest(request, deployment.upstreamModel);
      const upstream = upstreamRequest(deployment, 'batchEmbedContents', body, options);
      const response = await send(upstream);
      const answer = await readJsonBody(response, upstream);
      return toEmbeddingsResponse(deployment.provider, answer, request, deployment.upstreamModel);
    },
  };
}
