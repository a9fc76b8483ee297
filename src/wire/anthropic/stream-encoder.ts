import { randomUUID } from 'node:crypto';
import type { TokenUsage } from '../../pricing/token-usage.js';
import type { ChatCompletionChunk, FinishReason, ToolCallDelta } from '../openai/chat-response.js';
import { toAnthropicUsage } from './anthropic-usage.js';
import { messageIdFrom } from './message-id.js';
import type { MessagesStreamEvent } from './messages-response.js';
import { toStopReason } from './stop-reason.js';

export interface StreamEncoderOptions {
  /** The model name the client asked for, which `message_start` repeats. */
  model: string;
}

interface OpenBlock {
  index: number;
  kind: 'text' | 'tool_use';
}

/**
 * Turns Sereno's stream (OpenAI's chunks, then the usage) into the events of Anthropic's
 * Messages stream: `message_start`; per content block a `content_block_start`, its
 * deltas (`text_delta`, or `input_json_delta` for a tool's arguments) and a
 * `content_block_stop`; then `message_delta` with the stop reason and usage, and
 * `message_stop`. It writes nothing itself, so the route decides where events go and
 * what a failure looks like.
 *
 * Only the first choice is read: the Messages API has no `n`. Text and tool calls become
 * blocks in the order they arrive, one open at a time. An upstream that interleaves the
 * arguments of parallel tool calls (OpenAI sends them one call after another) gets the
 * late pieces as deltas of an already stopped block, which Anthropic's SDK still places
 * by index but a strict reader of the protocol may refuse.
 */
export class AnthropicStreamEncoder {
  private started = false;
  private open: OpenBlock | undefined;
  private blockCount = 0;
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private refused = false;

  constructor(private readonly options: StreamEncoderOptions) {}

  /**
   * The events of one chunk; the first chunk also starts the message, with the input
   * usage when the upstream reported it by then (else zeros, corrected by `end`).
   */
  chunk(chunk: ChatCompletionChunk, usageSoFar?: TokenUsage): MessagesStreamEvent[] {
    const events = this.start(chunk.id, usageSoFar);
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (!choice) return events;

    const { delta } = choice;
    if (delta.refusal) {
      this.refused = true;
      events.push(...this.text(delta.refusal));
    }
    if (delta.content) events.push(...this.text(delta.content));
    for (const call of delta.tool_calls ?? []) events.push(...this.toolCall(call));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /**
   * The closing events, once the stream is over. `usage` is what the upstream reported;
   * without it the output count is 0 and the input counts are left out.
   */
  end(usage: TokenUsage | undefined): MessagesStreamEvent[] {
    const events = [...this.start(undefined, undefined), ...this.closeOpenBlock()];
    events.push({
      type: 'message_delta',
      delta: { stop_reason: toStopReason(this.finishReason, this.refused), stop_sequence: null },
      usage: usage ? toAnthropicUsage(usage) : { output_tokens: 0 },
    });
    events.push({ type: 'message_stop' });
    return events;
  }

  private start(id: string | undefined, usage: TokenUsage | undefined): MessagesStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    const known = usage ? toAnthropicUsage(usage) : undefined;
    return [
      {
        type: 'message_start',
        message: {
          id: messageIdFrom(id),
          type: 'message',
          role: 'assistant',
          model: this.options.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: known?.input_tokens ?? 0,
            output_tokens: 0,
            cache_creation_input_tokens: known?.cache_creation_input_tokens ?? 0,
            cache_read_input_tokens: known?.cache_read_input_tokens ?? 0,
          },
        },
      },
    ];
  }

  private text(text: string): MessagesStreamEvent[] {
    const events = this.open?.kind === 'text' ? [] : this.openBlock('text');
    const index = (this.open as OpenBlock).index;
    events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
    return events;
  }

  private toolCall(call: ToolCallDelta): MessagesStreamEvent[] {
    let index = this.toolBlocks.get(call.index);
    const events: MessagesStreamEvent[] = [];
    if (index === undefined) {
      events.push(...this.openBlock('tool_use', call));
      index = (this.open as OpenBlock).index;
      this.toolBlocks.set(call.index, index);
    }
    const partial = call.function?.arguments;
    if (partial) {
      const delta = { type: 'input_json_delta' as const, partial_json: partial };
      events.push({ type: 'content_block_delta', index, delta });
    }
    return events;
  }

  private openBlock(kind: OpenBlock['kind'], call?: ToolCallDelta): MessagesStreamEvent[] {
    const events = this.closeOpenBlock();
    const index = this.blockCount++;
    this.open = { index, kind };
    const content_block =
      kind === 'text'
        ? { type: 'text' as const, text: '' }
        : {
            type: 'tool_use' as const,
            id: call?.id ?? `toolu_${randomUUID().replaceAll('-', '')}`,
            name: call?.function?.name ?? '',
            input: {},
          };
    events.push({ type: 'content_block_start', index, content_block });
    return events;
  }

  private closeOpenBlock(): MessagesStreamEvent[] {
    if (!this.open) return [];
    const { index } = this.open;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }
}
