import type { FinishReason } from '../openai/chat-response.js';
import type { StopReason } from './messages-response.js';

/**
 * OpenAI's finish reason as Anthropic's stop reason. A refusal, whether the upstream
 * flagged it with `content_filter` or sent OpenAI's `refusal` text, is `refusal`; an
 * answer without a finish reason is taken as a finished turn.
 *
 * `stop_sequence` is never reported: OpenAI-shaped answers say `stop` both at the end of
 * a turn and at a stop sequence, and leave the sequence out of the text, so the two
 * cannot be told apart. A client that passed `stop_sequences` sees `end_turn` and a null
 * `stop_sequence` when one of them matched.
 */
export function toStopReason(finishReason: FinishReason | null, refused: boolean): StopReason {
  if (refused) return 'refusal';
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
