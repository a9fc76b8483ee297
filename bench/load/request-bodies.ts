import { benchModel } from '../targets/bench-target.js';

const systemPrompt =
  'You are a support assistant for a company that sells garden tools. Answer in two or ' +
  'three sentences, politely, and never promise a refund: point the customer to the ' +
  'returns page instead. If the question is not about garden tools, say so kindly.';

const userMessage =
  'Hello, I bought a pair of pruning shears last month and the spring broke after a week ' +
  'of light use. Can I get a replacement, and how long would shipping take to Lyon?';

/** The chat request every target gets: the same bytes for the direct path and both gateways. */
export function chatRequestBody(stream: boolean): string {
  return JSON.stringify({
    model: benchModel,
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: userMessage },
    ],
    temperature: 0.2,
    max_tokens: 256,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}
