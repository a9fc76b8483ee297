/**
 * The answers of the bench's upstream, in OpenAI's chat completions wire format: the same
 * sentence every time, split into one token per word, with usage counted from the request.
 */

const answerWords = (
  'Sereno measured this answer on loopback so that the only thing between the client and ' +
  'the model is the gateway itself and the time it adds to every call'
).split(' ');

/** The tokens of the answer, each with the space that precedes it. */
export const answerTokens = answerWords.map((word, index) => (index === 0 ? word : ` ${word}`));
const answerText = answerTokens.join('');

/** What the upstream reads from a request body; anything else in it is ignored. */
export interface ChatCall {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  /** Characters of message content, for a prompt token count of about four per token. */
  promptCharacters: number;
  messageCount: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Usage as OpenAI reports it: about four characters a token, plus a few per message. */
export function usageFor(call: ChatCall): Usage {
  const prompt = Math.ceil(call.promptCharacters / 4) + 3 * call.messageCount + 3;
  const completion = answerTokens.length;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** The body of a non-streamed answer. */
export function completionBody(call: ChatCall, id: string, created: number): string {
  return JSON.stringify({
    id,
    object: 'chat.completion',
    created,
    model: call.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answerText, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageFor(call),
    service_tier: 'default',
    system_fingerprint: 'fp_bench0001',
  });
}

/**
 * The SSE frames of a streamed answer, `[DONE]` included: a first frame with the role, one
 * per token, one with the finish reason and, when asked for, one with the usage.
 */
export function streamFrames(call: ChatCall, id: string, created: number): string[] {
  const usageField = call.includeUsage ? { usage: null } : {};
  const chunk = (choices: unknown[], extra: object = usageField) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: call.model,
      service_tier: 'default',
      system_fingerprint: 'fp_bench0001',
      choices,
      ...extra,
    })}\n\n`;
  const choice = (delta: object, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const frames = [chunk([choice({ role: 'assistant', content: '', refusal: null })])];
  for (const token of answerTokens) frames.push(chunk([choice({ content: token })]));
  frames.push(chunk([choice({}, 'stop')]));
  if (call.includeUsage) frames.push(chunk([], { usage: usageFor(call) }));
  frames.push('data: [DONE]\n\n');
  return frames;
}
