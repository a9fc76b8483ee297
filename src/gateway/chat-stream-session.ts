import type { Deployment } from '../models/deployment.js';
import { computeCost, type CostBreakdown } from '../pricing/cost.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { ChatStreamEvent } from '../providers/provider.js';
import type { RoutedResult } from '../router/attempt.js';
import type { ChatCompletionChunk } from '../wire/openai/chat-response.js';
import type { CallRecorder } from './call-recorder.js';
import type { OpenedStream } from './chat-gateway.js';
import { StreamAccumulator } from './stream-accumulator.js';

/**
 * A stream that reached the client's side of the router: its chunks, then its usage and
 * cost. Whatever happens while it is read — the end, a failure, the client leaving — is
 * recorded with the output and usage received so far.
 */
export class ChatStreamSession {
  readonly deployment: Deployment;
  readonly attempts: number;
  readonly fallbacks: number;
  private readonly accumulator = new StreamAccumulator();
  private usage: TokenUsage | undefined;
  private lastChunk: ChatCompletionChunk | undefined;

  constructor(
    private readonly routed: RoutedResult<OpenedStream>,
    private readonly recorder: CallRecorder,
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
      this.recorder.succeed({
        deployment: this.deployment,
        output: this.accumulator.message(),
        usage: this.finalUsage(),
        cost: this.cost(),
      });
    } catch (error) {
      this.recordFailure(error as Error);
      throw error;
    }
  }

  /** Records a stream given up by its reader, such as when the client left. */
  abandon(error: Error): void {
    void this.routed.value.rest.return?.();
    this.recordFailure(error);
  }

  /** The usage the upstream reported, once the stream is over. */
  finalUsage(): TokenUsage | undefined {
    return this.usage;
  }

  cost(): CostBreakdown | undefined {
    return this.usage ? computeCost(this.usage, this.deployment.prices) : undefined;
  }

  /** The last chunk sent, whose id and model a closing usage chunk repeats. */
  get last(): ChatCompletionChunk | undefined {
    return this.lastChunk;
  }

  private take(event: ChatStreamEvent): ChatCompletionChunk | undefined {
    if (event.type === 'usage') {
      this.usage = event.usage;
      return undefined;
    }
    this.accumulator.add(event.chunk);
    this.lastChunk = event.chunk;
    return event.chunk;
  }

  private recordFailure(error: Error): void {
    this.recorder.fail(error, {
      output: this.accumulator.message(),
      usage: this.usage,
      cost: this.cost(),
    });
  }
}
