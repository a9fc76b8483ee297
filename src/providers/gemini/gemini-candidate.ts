import type { ToolCall } from '../../wire/openai/chat-request-schema.js';
import { newToolCallId } from './gemini-tool-call-id.js';
import type { GeminiCandidate } from './gemini-wire.js';

/** What a candidate (or one stream event of it) says, in OpenAI's pieces. */
export interface CandidateOutput {
  /** The answer's text; undefined when the candidate holds none. */
  text: string | undefined;
  toolCalls: ToolCall[];
}

/**
 * Reads a candidate's parts: text parts joined, thought parts (`thought: true`, the
 * model's thinking) left out, each function call as a tool call with a new id.
 */
export function readCandidate(candidate: GeminiCandidate): CandidateOutput {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.thought === true) continue;
    if (typeof part.text === 'string') texts.push(part.text);
    if (part.functionCall && typeof part.functionCall.name === 'string') {
      toolCalls.push({
        id: newToolCallId(part.thoughtSignature),
        type: 'function',
        function: {
          name: part.functionCall.name,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
      });
    }
  }
  return { text: texts.length > 0 ? texts.join('') : undefined, toolCalls };
}
