import { defaults } from '../../config/defaults.js';
import { BadRequestError } from '../../errors/sereno-error.js';
import type { Deployment } from '../../models/deployment.js';
import type { CallOptions, ChatStreamEvent, ProviderAdapter } from '../provider.js';
import {
  readJsonBody,
  sendUpstream,
  toProviderError,
  type UpstreamRequest,
} from '../upstream-http.js';
import { withBaseQuery } from '../upstream-url.js';
import { readAnthropicErrorBody } from './anthropic-errors.js';
import { toAnthropicRequest } from './anthropic-request.js';
import { toChatResult, type AnswerContext } from './anthropic-response.js';
import { readAnthropicStream } from './anthropic-stream.js';

/** `{api_base}/v1/messages`, whether or not the configured base already ends in `/v1`. */
export function messagesUrl(deployment: Deployment): string {
  const base = deployment.apiBase.replace(/\/+$/, '');
  return withBaseQuery(
    deployment,
    base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`,
  );
}

/** Anthropic's headers; the deployment's `extra_headers` (an `anthropic-beta`, say) come last. */
export function anthropicHeaders(deployment: Deployment): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': defaults.anthropicVersion,
  };
  if (deployment.apiKey) headers['x-api-key'] = deployment.apiKey;
  return { ...headers, ...deployment.extraHeaders };
}

function upstreamRequest(
  deployment: Deployment,
  body: unknown,
  options: CallOptions,
  stream: boolean,
): UpstreamRequest {
  return {
    provider: deployment.provider,
    url: messagesUrl(deployment),
    headers: anthropicHeaders(deployment),
    body: JSON.stringify(body),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: stream ? options.streamIdleTimeoutMs : undefined,
  };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The adapter for Anthropic's Messages API, serving OpenAI-shaped chat requests. */
export function createAnthropicAdapter(): ProviderAdapter {
  return {
    async chat(request, deployment, options) {
      const { body, jsonToolName } = toAnthropicRequest(request, deployment, false);
      const upstream = upstreamRequest(deployment, body, options, false);
      const response = await sendUpstream(upstream, readAnthropicErrorBody);
      const context: AnswerContext = {
        provider: deployment.provider,
        jsonToolName,
        created: nowSeconds(),
      };
      return toChatResult(await readJsonBody(response, upstream), context);
    },

    async *streamChat(request, deployment, options): AsyncGenerator<ChatStreamEvent> {
      const { body, jsonToolName } = toAnthropicRequest(request, deployment, true);
      const upstream = upstreamRequest(deployment, body, options, true);
      const response = await sendUpstream(upstream, readAnthropicErrorBody);
      const context: AnswerContext = {
        provider: deployment.provider,
        jsonToolName,
        created: nowSeconds(),
      };
      try {
        yield* readAnthropicStream(response.body, context);
      } catch (error) {
        throw toProviderError(deployment.provider, error, options.signal);
      }
    },

    async embed() {
      throw new BadRequestError('Anthropic has no embeddings API.', {
        code: 'unsupported_parameter',
        param: 'model',
      });
    },
  };
}
