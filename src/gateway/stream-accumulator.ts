import type { ToolCall } from '../wire/openai/chat-request-schema.js';
import type {
  AssistantMessage,
  ChatChoice,
  ChatCompletion,
  ChatCompletionChunk,
  FinishReason,
} from '../wire/openai/chat-response.js';

interface ChoiceState {
  content: string;
  refusal: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason | null;
}

/** Builds the whole answer from stream chunks, for the trace and for clients that need it. */
export class StreamAccumulator {
  private readonly choices = new Map<number, ChoiceState>();
  private id = '';
  private model = '';
  private created = 0;

  add(chunk: ChatCompletionChunk): void {
    this.id ||= chunk.id;
    this.model ||= chunk.model;
    this.created ||= chunk.created;
    for (const choice of chunk.choices) {
      const state = this.state(choice.index);
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') state.content += delta.content;
      if (typeof delta.refusal === 'string') state.refusal += delta.refusal;
      for (const call of delta.tool_calls ?? []) {
        const existing = (state.toolCalls[call.index] ??= {
          id: '',
          type: 'function',
          function: { name: '', arguments: '' },
        });
        if (call.id) existing.id = call.id;
        if (call.function?.name) existing.function.name += call.function.name;
        if (call.function?.arguments) existing.function.arguments += call.function.arguments;
      }
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
    }
  }

  /** Whether anything a user would see has arrived yet. */
  get hasOutput(): boolean {
    for (const state of this.choices.values()) {
      if (state.content || state.refusal || state.toolCalls.length > 0) return true;
    }
    return false;
  }

  /** The first choice's message, as the trace shows it. */
  message(): AssistantMessage | undefined {
    const first = this.toCompletion().choices[0];
    return first?.message;
  }

  toCompletion(): ChatCompletion {
    const choices: ChatChoice[] = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => {
        const message: AssistantMessage = { role: 'assistant', content: state.content || null };
        const toolCalls = state.toolCalls.filter(Boolean);
        if (toolCalls.length > 0) message.tool_calls = toolCalls;
        if (state.refusal) message.refusal = state.refusal;
        return { index, message, finish_reason: state.finishReason };
      });
    return {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices,
    };
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { content: '', refusal: '', toolCalls: [], finishReason: null };
      this.choices.set(index, state);
    }
    return state;
  }
}

/** Whether a chunk carries something beyond the opening role: text, a tool call, an end. */
export function isMeaningfulChunk(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some(
    (choice) =>
      Boolean(choice.finish_reason) ||
      Boolean(choice.delta?.content) ||
      Boolean(choice.delta?.refusal) ||
      (choice.delta?.tool_calls?.length ?? 0) > 0,
  );
}
