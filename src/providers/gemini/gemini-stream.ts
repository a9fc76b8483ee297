import type { ChatCompletionChunk, ChunkChoice } from '../../wire/openai/chat-response.js';
import type { ChatStreamEvent } from '../provider.js';
import { readServerSentEvents } from '../sse-reader.js';
import { invalidResponseError, streamError } from '../upstream-error.js';
import { tryParseJson } from '../upstream-http.js';
import { readCandidate } from './gemini-candidate.js';
import { blockedPromptError, googleErrorOf, readGeminiErrorBody } from './gemini-errors.js';
import { toFinishReason } from './gemini-finish-reason.js';
import { asGeminiResponse, completionId } from './gemini-response.js';
import { fromGeminiUsage } from './gemini-usage.js';
import type { GeminiCandidate, GeminiResponse } from './gemini-wire.js';

interface ChoiceState {
  started: boolean;
  toolCalls: number;
  finished: boolean;
}

type ChunkHeader = Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'>;

function parseEvent(provider: string, data: string): GeminiResponse {
  const parsed = tryParseJson(data);
  if (parsed === undefined)
    throw invalidResponseError(provider, 'a stream event is not JSON', data);
  const error = googleErrorOf(parsed);
  if (error) {
    const found = readGeminiErrorBody(parsed, 200);
    throw streamError(provider, found.message ?? JSON.stringify(error), found.recognised);
  }
  return asGeminiResponse(provider, parsed);
}

/** One candidate of one event as a chunk choice; undefined when it brings nothing new. */
function toChunkChoice(
  candidate: GeminiCandidate,
  position: number,
  states: Map<number, ChoiceState>,
): ChunkChoice | undefined {
  const index = candidate.index ?? position;
  const state = states.get(index) ?? { started: false, toolCalls: 0, finished: false };
  states.set(index, state);
  const { text, toolCalls } = readCandidate(candidate);

  const delta: ChunkChoice['delta'] = {};
  if (!state.started) delta.role = 'assistant';
  if (text) delta.content = text;
  if (toolCalls.length > 0) {
    delta.tool_calls = toolCalls.map((call) => ({ index: state.toolCalls++, ...call }));
  }
  let finishReason: ChunkChoice['finish_reason'] = null;
  if (candidate.finishReason && !state.finished) {
    finishReason = toFinishReason(candidate.finishReason, state.toolCalls > 0);
    state.finished = true;
  }
  if (state.started && !delta.content && !delta.tool_calls && !finishReason) return undefined;
  state.started = true;
  return { index, delta, finish_reason: finishReason };
}

/**
 * Turns a `streamGenerateContent?alt=sse` body into stream events. Each event is a whole
 * GenerateContentResponse holding the next piece of every candidate; function calls come
 * whole, so each becomes one tool call delta. Gemini's `usageMetadata` holds running
 * totals, so each one is sent as it comes, as a usage event ahead of its event's chunk:
 * the last one is the answer's usage, and a stream cut short keeps the prompt and cache
 * counts it was told. An in-band error, or an end before every candidate has a finish
 * reason, is an error, so that a cut answer is never passed off as a whole one.
 */
export async function* readGeminiStream(
  provider: string,
  model: string,
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ChatStreamEvent> {
  const states = new Map<number, ChoiceState>();
  let header: ChunkHeader | undefined;

  for await (const message of readServerSentEvents(body)) {
    const data = message.data.trim();
    if (data === '') continue;
    const event = parseEvent(provider, data);
    if (event.usageMetadata) yield { type: 'usage', usage: fromGeminiUsage(event.usageMetadata) };
    const candidates = event.candidates ?? [];
    if (candidates.length === 0 && event.promptFeedback?.blockReason) {
      throw blockedPromptError(provider, event.promptFeedback.blockReason);
    }

    header ??= {
      id: completionId(event),
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: event.modelVersion ?? model,
    };
    const choices = candidates.flatMap((candidate, position) => {
      const choice = toChunkChoice(candidate, position, states);
      return choice ? [choice] : [];
    });
    if (choices.length > 0) yield { type: 'chunk', chunk: { ...header, choices } };
  }

  const finished = states.size > 0 && [...states.values()].every((state) => state.finished);
  if (!finished) throw streamError(provider, 'the stream ended before the answer was complete');
}
