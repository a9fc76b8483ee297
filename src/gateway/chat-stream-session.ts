import type { Deployment } from '../models/deployment.js';
import { computeCost, type CostBreakdown } from '../pricing/cost.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { ChatStreamEvent } from '../providers/provider.js';
import type { RoutedResult } from '../router/attempt.js';
import type { AssistantMessage, ChatCompletionChunk } from '../wire/openai/chat-response.js';
import type { CallRecorder } from './call-recorder.js';
import type { OpenedStream } from './chat-gateway.js';
import { StreamAccumulator } from './stream-accumulator.js';

export interface StreamSessionHooks {
  /** Counts usage when the upstream reported none. */
  estimateUsage: (output: AssistantMessage | undefined) => TokenUsage;
  /** Told the final usage, reported or counted. */
  onUsage: (usage: TokenUsage) => void;
}

/**
 * A stream that reached the client's side of the router: its chunks, then its usage and
 * cost. Whatever happens while it is read — the end, a failure, the client leaving — is
 * recorded with the output received so far and its usage priced.
 */
export class ChatStreamSession {
  readonly deployment: Deployment;
  readonly attempts: number;
  readonly fallbacks: number;
  private readonly accumulator = new StreamAccumulator();
  private reportedUsage: TokenUsage | undefined;
  private lastChunk: ChatCompletionChunk | undefined;
  private settled = false;

  constructor(
    private readonly routed: RoutedResult<OpenedStream>,
    private readonly recorder: CallRecorder,
    private readonly hooks: StreamSessionHooks,
  ) {
    this.deployment = routed.deployment;
    this.attempts = routed.attempts;
    this.fallbacks = routed.fallbacks;
  }

  /** The chunks in order; throws what broke the stream after recording it. */
  async *chunks(): AsyncGenerator<ChatCompletionChunk> {
    try {
      for (const event of this.routed.value.prelude) {
        const chunk = this.take(event);
        if (chunk) yield chunk;
      }
      if (!this.routed.value.ended) {
        const rest = this.routed.value.rest;
        for (let next = await rest.next(); !next.done; next = await rest.next()) {
          const chunk = this.take(next.value);
          if (chunk) yield chunk;
        }
      }
      this.settle();
    } catch (error) {
      this.settle(error as Error);
      throw error;
    }
  }

  /** Records a stream given up by its reader, and stops reading the upstream. */
  abandon(error: Error): void {
    void this.routed.value.rest.return?.();
    this.settle(error);
  }

  /** The usage the upstream reported, when it did; read once the stream is over. */
  get upstreamUsage(): TokenUsage | undefined {
    return this.reportedUsage;
  }

  /** The usage of the stream so far: reported by the upstream, else counted. */
  usage(): TokenUsage {
    return this.reportedUsage ?? this.hooks.estimateUsage(this.accumulator.message());
  }

  cost(): CostBreakdown {
    return computeCost(this.usage(), this.deployment.prices);
  }

  /** The last chunk sent, whose id and model a closing usage chunk repeats. */
  get last(): ChatCompletionChunk | undefined {
    return this.lastChunk;
  }

  private take(event: ChatStreamEvent): ChatCompletionChunk | undefined {
    if (event.type === 'usage') {
      this.reportedUsage = event.usage;
      return undefined;
    }
    this.accumulator.add(event.chunk);
    this.lastChunk = event.chunk;
    return event.chunk;
  }

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    const usage = this.usage();
    this.hooks.onUsage(usage);
    const result = {
      output: this.accumulator.message(),
      usage,
      cost: computeCost(usage, this.deployment.prices),
      usageEstimated: this.reportedUsage === undefined,
    };
    if (error) this.recorder.fail(error, result);
    else this.recorder.succeed({ deployment: this.deployment, ...result });
  }
}
