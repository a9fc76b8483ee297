import { totalTokens } from '../pricing/token-usage.js';
import type { ProviderAdapters } from '../providers/adapters.js';
import type { CallOptions, ChatStreamEvent } from '../providers/provider.js';
import type { AttemptContext, RoutedRequest } from '../router/attempt.js';
import type { Router } from '../router/router.js';
import type { Clock } from '../time/clock.js';
import { countChatInputTokens, maxChatInputTokens } from '../tokens/count-tokens.js';
import type { ChatRequest } from '../wire/openai/chat-request-schema.js';
import type { ChatCompletion } from '../wire/openai/chat-response.js';
import type { CallRecorder } from './call-recorder.js';
import { ChatStreamSession } from './chat-stream-session.js';
import { recordSuccess, type RoutedOutcome } from './record-success.js';
import type { RequestContext } from './request-context.js';
import { isMeaningfulChunk } from './stream-accumulator.js';
import { estimateChatUsage } from './usage-estimate.js';
import { withFailureRecorded } from './with-failure-recorded.js';

export interface GatewayServices {
  router: Router;
  adapters: ProviderAdapters;
  clock: Clock;
}

/** A non-streamed chat completion; its usage is the upstream's report, else Sereno's count. */
export type ChatOutcome = RoutedOutcome<ChatCompletion>;

/** An upstream stream held back until it shows something worth sending, or fails. */
export interface OpenedStream {
  prelude: ChatStreamEvent[];
  rest: AsyncIterator<ChatStreamEvent>;
  ended: boolean;
}

export function callOptions(context: RequestContext, attempt: AttemptContext): CallOptions {
  return {
    signal: attempt.signal,
    timeoutMs: attempt.timeoutMs,
    streamIdleTimeoutMs: attempt.streamIdleTimeoutMs,
    logger: context.logger,
  };
}

/** What the router needs to know of a chat request. */
export function routedChatRequest(
  request: ChatRequest,
  context: RequestContext,
  recorder: CallRecorder,
  stream: boolean,
): RoutedRequest {
  let counted: number | undefined;
  return {
    modelName: request.model,
    stream,
    signal: context.signal,
    deadline: context.deadline,
    disableFallbacks: request.disable_fallbacks === true,
    // The body's size bounds its tokens at no cost; the text is measured only when a
    // context window is smaller than the body.
    maxInputTokens: () => context.bodyBytes ?? maxChatInputTokens(request),
    inputTokens: () => (counted ??= countChatInputTokens(request)),
    onAttempt: recorder.recordAttempt,
  };
}

/** A non-streamed chat completion through the router, priced and recorded. */
export function completeChat(
  request: ChatRequest,
  context: RequestContext,
  recorder: CallRecorder,
  services: GatewayServices,
): Promise<ChatOutcome> {
  return withFailureRecorded(recorder, async () => {
    const routed = await services.router.execute(
      routedChatRequest(request, context, recorder, false),
      (attempt) =>
        services.adapters[attempt.deployment.protocol].chat(
          request,
          attempt.deployment,
          callOptions(context, attempt),
        ),
    );
    const { response } = routed.value;
    const output = response.choices[0]?.message;
    const usage = routed.value.usage ?? estimateChatUsage(request, output);
    services.router.recordUsage(routed.deployment.id, totalTokens(usage));
    const usageEstimated = routed.value.usage === undefined;
    return recordSuccess(recorder, routed, { response, output, usage, usageEstimated });
  });
}

/**
 * Opens a streamed chat completion. The upstream stream is read until its first chunk
 * with content, so that any failure before that point is the router's to retry and the
 * client never sees a failed attempt.
 */
export function openChatStream(
  request: ChatRequest,
  context: RequestContext,
  recorder: CallRecorder,
  services: GatewayServices,
): Promise<ChatStreamSession> {
  return withFailureRecorded(recorder, async () => {
    const routed = await services.router.execute(
      routedChatRequest(request, context, recorder, true),
      async (attempt) => {
        const events = services.adapters[attempt.deployment.protocol].streamChat(
          request,
          attempt.deployment,
          callOptions(context, attempt),
        );
        return readUntilMeaningful(events[Symbol.asyncIterator]());
      },
    );
    recorder.markFirstToken();
    context.releaseDeadline?.();
    return new ChatStreamSession(routed, recorder, {
      estimateUsage: (output) => estimateChatUsage(request, output),
      onUsage: (usage) => services.router.recordUsage(routed.deployment.id, totalTokens(usage)),
    });
  });
}

async function readUntilMeaningful(
  iterator: AsyncIterator<ChatStreamEvent>,
): Promise<OpenedStream> {
  const prelude: ChatStreamEvent[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return { prelude, rest: iterator, ended: true };
      prelude.push(next.value);
      if (next.value.type === 'chunk' && isMeaningfulChunk(next.value.chunk)) {
        return { prelude, rest: iterator, ended: false };
      }
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
}
