import type { Deployment } from '../models/deployment.js';
import { computeCost, type CostBreakdown } from '../pricing/cost.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { ChatStreamEvent } from '../providers/provider.js';
import type { RoutedResult } from '../router/attempt.js';
import type { AssistantMessage, ChatCompletionChunk } from '../wire/openai/chat-response.js';
import type { CallRecorder } from './call-recorder.js';
import type { OpenedStream } from './chat-gateway.js';
import { StreamAccumulator } from './stream-accumulator.js';
import { usageOfUnfinishedStream, type MeasuredUsage } from './usage-estimate.js';

export interface StreamSessionHooks {
  /** Counts usage from the request and the output received, where the upstream's falls short. */
  estimateUsage: (output: AssistantMessage | undefined) => TokenUsage;
  /** Told the final usage, reported or counted. */
  onUsage: (usage: TokenUsage) => void;
}

/**
 * A stream that reached the client's side of the router: its chunks, then its usage and
 * cost. Whatever happens while it is read — the end, a failure, the client leaving — is
 * recorded with the output received so far and its usage priced.
 *
 * A stream that completes is priced at the upstream's final usage (counted whole when it
 * reported none). One that did not complete yet, or never will, is priced at what the
 * upstream reported so far with the output made up to what was received: see
 * `usageOfUnfinishedStream`.
 */
export class ChatStreamSession {
  readonly deployment: Deployment;
  readonly attempts: number;
  readonly fallbacks: number;
  private readonly accumulator = new StreamAccumulator();
  private reportedUsage: TokenUsage | undefined;
  private lastChunk: ChatCompletionChunk | undefined;
  private settled = false;
  private completed = false;

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

  /**
   * The upstream's last usage report, which is its whole usage so far, or undefined while
   * it has reported none. Before the first chunk with content, Anthropic and Gemini
   * upstreams have reported their input and cache counts; OpenAI's report only at the end.
   */
  get upstreamUsage(): TokenUsage | undefined {
    return this.reportedUsage;
  }

  /** The usage of the stream so far, as it is priced. */
  usage(): TokenUsage {
    return this.measure().usage;
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

  private measure(): MeasuredUsage {
    const counted = () => this.hooks.estimateUsage(this.accumulator.message());
    if (!this.completed) return usageOfUnfinishedStream(this.reportedUsage, counted());
    if (this.reportedUsage) return { usage: this.reportedUsage, usageEstimated: false };
    return { usage: counted(), usageEstimated: true };
  }

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.completed = error === undefined;
    const { usage, usageEstimated } = this.measure();
    this.hooks.onUsage(usage);
    const result = {
      output: this.accumulator.message(),
      usage,
      cost: computeCost(usage, this.deployment.prices),
      usageEstimated,
    };
    if (error) this.recorder.fail(error, result);
    else this.recorder.succeed({ deployment: this.deployment, ...result });
  }
}
