import type { FastifyInstance } from 'fastify';
import { modelNotFound } from '../../router/router.js';
import { countChatInputTokens } from '../../tokens/count-tokens.js';
import { messagesInputSchema } from '../../wire/anthropic/messages-request-schema.js';
import { toChatRequest } from '../../wire/anthropic/to-chat-request.js';
import type { AppServices } from '../app-services.js';
import { parseBody } from '../parse-body.js';

/**
 * `POST /v1/messages/count_tokens`: `{ "input_tokens": n }` for a Messages request.
 *
 * The count is an estimate, and the answer says so with `x-sereno-token-count: estimate`.
 * It is OpenAI's o200k tokenizer run over the request as Sereno would send it (system,
 * messages, tool calls and tool definitions), plus OpenAI's per-message overhead and a
 * fixed 765 tokens per image. It is close for OpenAI models; for Claude models, whose
 * tokenizer is not public, it can be off by tens of percent, and PDF documents are not
 * counted at all. Nothing is sent upstream, so an Anthropic deployment's own
 * `count_tokens` is not asked. Use it for budgeting, never for billing: the usage
 * reported by `POST /v1/messages` is what Sereno prices.
 */
export function registerMessagesCountTokensRoute(
  app: FastifyInstance,
  services: AppServices,
): void {
  app.post('/v1/messages/count_tokens', async (request, reply) => {
    const body = parseBody(messagesInputSchema, request.body);
    if (!services.registry.group(body.model)) throw modelNotFound(body.model);
    const chatRequest = toChatRequest(body, { forwardTopK: false });
    request.logFields.model = body.model;
    return reply
      .header('x-sereno-token-count', 'estimate')
      .send({ input_tokens: countChatInputTokens(chatRequest) });
  });
}
