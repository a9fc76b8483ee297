import type { Logger } from '../logging/logger.js';
import type { Deployment } from '../models/deployment.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';
import type { ChatCompletion, ChatCompletionChunk } from '../wire/openai/chat-response.js';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../wire/openai/embeddings-schema.js';

/** What every provider call gets besides the request. */
export interface CallOptions {
  /** Aborted when the client goes away or the request's deadline passes. */
  signal: AbortSignal;
  /** Time allowed until the upstream's response headers (and, when not streaming, body). */
  timeoutMs: number;
  /** For streams: the longest silence allowed between two chunks. */
  streamIdleTimeoutMs?: number;
  logger: Logger;
}

export interface ChatResult {
  /** The answer in OpenAI's shape, usage included when the upstream reported it. */
  response: ChatCompletion;
  /** Undefined when the upstream reported none; the gateway then counts it. */
  usage: TokenUsage | undefined;
}

/**
 * One event of a streamed answer. Chunks carry choices only; usage comes as its own event,
 * normalised. A failure during the stream is thrown by the iterator as a ProviderError.
 *
 * An adapter sends a usage event as soon as the upstream tells it anything, and again each
 * time the upstream says more: each event is the whole usage so far, never an increment,
 * so the last one received wins. A stream that breaks thus leaves the input and cache counts
 * it was told before it broke; the output of such a stream may run ahead of its last usage.
 */
export type ChatStreamEvent =
  { type: 'chunk'; chunk: ChatCompletionChunk } | { type: 'usage'; usage: TokenUsage };

export interface EmbeddingsResult {
  response: EmbeddingsResponse;
  usage: TokenUsage;
}

/**
 * A provider adapter: translates Sereno's request (OpenAI's shape) into one upstream wire
 * format and the upstream's answers, streams, usage and errors back. Adapters never retry:
 * the router decides what happens after a failure.
 */
export interface ProviderAdapter {
  chat(request: ChatRequest, deployment: Deployment, options: CallOptions): Promise<ChatResult>;
  streamChat(
    request: ChatRequest,
    deployment: Deployment,
    options: CallOptions,
  ): AsyncIterable<ChatStreamEvent>;
  embed(
    request: EmbeddingsRequest,
    deployment: Deployment,
    options: CallOptions,
  ): Promise<EmbeddingsResult>;
}
