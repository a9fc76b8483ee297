import type {
  ChatCompletionChunk,
  ChunkChoice,
  FinishReason,
} from '../../wire/openai/chat-response.js';
import { parseStreamEvent } from '../parse-stream-event.js';
import type { ChatStreamEvent } from '../provider.js';
import { readServerSentEvents } from '../sse-reader.js';
import { invalidResponseError, streamError } from '../upstream-error.js';
import { anthropicStreamError } from './anthropic-errors.js';
import { toFinishReason, type AnswerContext } from './anthropic-response.js';
import { fromAnthropicUsage, type AnthropicUsage } from './anthropic-usage.js';

/** One event of Anthropic's stream, loosely: every field is checked where it is read. */
interface AnthropicStreamEvent {
  type: string;
  index?: number;
  message?: { id?: unknown; model?: unknown; usage?: AnthropicUsage };
  content_block?: { type?: unknown; id?: unknown; name?: unknown; text?: unknown };
  delta?: {
    type?: unknown;
    text?: unknown;
    partial_json?: unknown;
    stop_reason?: unknown;
  };
  usage?: AnthropicUsage;
}

/** What an open content block turns into on OpenAI's side. */
type BlockRole =
  | { kind: 'text' }
  | { kind: 'tool'; toolIndex: number; hasArguments: boolean }
  | { kind: 'json'; hasArguments: boolean }
  | { kind: 'ignored' };

/**
 * Turns Anthropic's event stream into OpenAI-shaped chunks, one event at a time.
 *
 * `message_start` gives the input and cache counts, sent at once as a usage event (before
 * the role chunk, so that whoever reads the first chunk knows them); text deltas become
 * content; a `tool_use` block opens a tool call (index, id, name) whose `input_json_delta`
 * pieces are its arguments; `message_delta` brings the stop reason and the cumulative
 * usage, sent again as a whole usage event; `message_stop` closes with the finish chunk.
 * Thinking and its signature are read and left out, as OpenAI's chunks have no place for
 * them; so are the blocks of Anthropic's server tools. With a JSON answer requested, only
 * the forced tool's input is sent, as content.
 */
export class AnthropicStreamTranslator {
  private id = '';
  private model = '';
  private usage: AnthropicUsage = {};
  private stopReason: unknown = null;
  private readonly blocks = new Map<number, BlockRole>();
  private toolCount = 0;
  private stopped = false;

  constructor(private readonly context: AnswerContext) {}

  /** Whether `message_stop` arrived: a stream that ends before it was cut short. */
  get isComplete(): boolean {
    return this.stopped;
  }

  translate(event: AnthropicStreamEvent): ChatStreamEvent[] {
    switch (event.type) {
      case 'message_start':
        return this.start(event);
      case 'content_block_start':
        return this.openBlock(event);
      case 'content_block_delta':
        return this.delta(event);
      case 'content_block_stop':
        return this.closeBlock(event);
      case 'message_delta':
        if (event.delta?.stop_reason) this.stopReason = event.delta.stop_reason;
        return this.addUsage(event.usage);
      case 'message_stop':
        return this.stop();
      case 'error':
        throw anthropicStreamError(this.context.provider, event);
      default:
        // `ping` and event types added after this was written carry nothing to translate.
        return [];
    }
  }

  private start(event: AnthropicStreamEvent): ChatStreamEvent[] {
    const message = event.message ?? {};
    this.id = typeof message.id === 'string' ? message.id : this.id;
    this.model = typeof message.model === 'string' ? message.model : this.model;
    return [...this.addUsage(message.usage), this.chunk({ role: 'assistant', content: '' })];
  }

  private openBlock(event: AnthropicStreamEvent): ChatStreamEvent[] {
    const block = event.content_block ?? {};
    const index = event.index ?? this.blocks.size;
    if (block.type === 'text') {
      this.blocks.set(index, this.context.jsonToolName ? { kind: 'ignored' } : { kind: 'text' });
      return typeof block.text === 'string' && block.text ? this.text(block.text) : [];
    }
    if (block.type !== 'tool_use') {
      this.blocks.set(index, { kind: 'ignored' });
      return [];
    }
    if (block.name === this.context.jsonToolName) {
      this.blocks.set(index, { kind: 'json', hasArguments: false });
      return [];
    }
    const toolIndex = this.toolCount++;
    this.blocks.set(index, { kind: 'tool', toolIndex, hasArguments: false });
    const call = {
      index: toolIndex,
      id: String(block.id ?? ''),
      type: 'function' as const,
      function: { name: String(block.name ?? ''), arguments: '' },
    };
    return [this.chunk({ tool_calls: [call] })];
  }

  private delta(event: AnthropicStreamEvent): ChatStreamEvent[] {
    const role = this.blocks.get(event.index ?? -1);
    const delta = event.delta ?? {};
    if (role?.kind === 'text' && delta.type === 'text_delta' && typeof delta.text === 'string') {
      return this.text(delta.text);
    }
    if (delta.type !== 'input_json_delta' || typeof delta.partial_json !== 'string') return [];
    if (delta.partial_json === '') return [];
    if (role?.kind === 'json') {
      role.hasArguments = true;
      return this.text(delta.partial_json);
    }
    if (role?.kind === 'tool') {
      role.hasArguments = true;
      return [this.arguments(role.toolIndex, delta.partial_json)];
    }
    return [];
  }

  /** A tool called without arguments sends no JSON at all; OpenAI's clients expect `{}`. */
  private closeBlock(event: AnthropicStreamEvent): ChatStreamEvent[] {
    const role = this.blocks.get(event.index ?? -1);
    if (role?.kind === 'tool' && !role.hasArguments) return [this.arguments(role.toolIndex, '{}')];
    if (role?.kind === 'json' && !role.hasArguments) return this.text('{}');
    return [];
  }

  private stop(): ChatStreamEvent[] {
    this.stopped = true;
    const finishReason = toFinishReason(this.stopReason, this.toolCount > 0);
    return [this.chunk({}, finishReason)];
  }

  /**
   * Usage counts are cumulative: a later count replaces an earlier one, and a count left
   * out or null (`message_delta` often has only `output_tokens`) keeps what
   * `message_start` said. Returns the whole usage so far as an event, when there was any.
   */
  private addUsage(usage: AnthropicUsage | undefined): ChatStreamEvent[] {
    if (!usage || typeof usage !== 'object') return [];
    for (const [key, value] of Object.entries(usage)) {
      if (typeof value === 'number') this.usage[key] = value;
    }
    return [{ type: 'usage', usage: fromAnthropicUsage(this.usage) }];
  }

  private text(text: string): ChatStreamEvent[] {
    return [this.chunk({ content: text })];
  }

  private arguments(toolIndex: number, piece: string): ChatStreamEvent {
    return this.chunk({ tool_calls: [{ index: toolIndex, function: { arguments: piece } }] });
  }

  private chunk(delta: ChunkChoice['delta'], finishReason: FinishReason | null = null) {
    const chunk: ChatCompletionChunk = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.context.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
    return { type: 'chunk', chunk } satisfies ChatStreamEvent;
  }
}

/**
 * Reads an Anthropic SSE body as stream events. An in-band `error` event is thrown as a
 * ProviderError; a stream that ends without `message_stop` is an error too, so that a
 * truncated answer is never passed off as a whole one.
 */
export async function* readAnthropicStream(
  body: AsyncIterable<Uint8Array>,
  context: AnswerContext,
): AsyncGenerator<ChatStreamEvent> {
  const translator = new AnthropicStreamTranslator(context);
  for await (const message of readServerSentEvents(body)) {
    const data = message.data.trim();
    if (data === '') continue;
    yield* translator.translate(parseEvent(context.provider, data, message.event));
    if (translator.isComplete) return;
  }
  throw streamError(context.provider, 'the stream ended before message_stop');
}

function parseEvent(
  provider: string,
  data: string,
  name: string | undefined,
): AnthropicStreamEvent {
  const event = parseStreamEvent(provider, data) as Partial<AnthropicStreamEvent>;
  const type = typeof event.type === 'string' ? event.type : name;
  if (!type) throw invalidResponseError(provider, 'a stream event has no type', data);
  return { ...event, type };
}
