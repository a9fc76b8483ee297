import { countTextTokens } from '../../tokens/count-tokens.js';

/** Deep enough for chat messages with content parts; deeper values are counted as JSON. */
const maxDepth = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The text of an observation's input or output: a string as it is, chat messages and
 * content parts by their text, an OpenAI answer by its choices, anything else as JSON.
 */
export function textOf(value: unknown, depth = 0): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (depth >= maxDepth) return JSON.stringify(value);
  if (Array.isArray(value)) return value.map((item) => textOf(item, depth + 1)).join('\n');
  if (!isRecord(value)) return String(value);
  for (const key of ['content', 'text', 'messages', 'choices', 'message']) {
    if (key in value) {
      const text = textOf(value[key], depth + 1);
      const toolCalls = value.tool_calls ? JSON.stringify(value.tool_calls) : '';
      return text + toolCalls;
    }
  }
  return JSON.stringify(value);
}

/**
 * Input and output tokens of an observation that was sent without usage, counted with
 * OpenAI's o200k tokenizer: an estimate for other vendors' models, and for structured
 * input whose JSON punctuation the model never saw. Message framing tokens are not
 * counted, so chat input reads a few tokens low per message.
 */
export function countInputOutputTokens(input: unknown, output: unknown): Record<string, number> {
  const inputTokens = countTextTokens(textOf(input));
  const outputTokens = countTextTokens(textOf(output));
  return { input: inputTokens, output: outputTokens, total: inputTokens + outputTokens };
}
