import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CallRecorder } from '../../gateway/call-recorder.js';
import { completeChat, openChatStream, type ChatOutcome } from '../../gateway/chat-gateway.js';
import { modelParametersOf } from '../../gateway/model-parameters.js';
import type { RequestContext } from '../../gateway/request-context.js';
import { toAnthropicMessage } from '../../wire/anthropic/from-chat-completion.js';
import type { MessagesStreamEvent } from '../../wire/anthropic/messages-response.js';
import {
  messagesRequestSchema,
  type MessagesRequest,
} from '../../wire/anthropic/messages-request-schema.js';
import { AnthropicStreamEncoder } from '../../wire/anthropic/stream-encoder.js';
import { toChatRequest } from '../../wire/anthropic/to-chat-request.js';
import type { ChatRequest } from '../../wire/openai/chat-request-schema.js';
import type { AppServices } from '../app-services.js';
import { anthropicErrorBody } from '../error-envelopes.js';
import { logError, toSerenoError } from '../error-handler.js';
import { parseBody } from '../parse-body.js';
import { createRequestContext } from '../request-context-factory.js';
import { logRequestLine } from '../request-log.js';
import { SseWriter } from '../sse-writer.js';
import { registerMessagesCountTokensRoute } from './messages-count-tokens-route.js';
import { servedOnlyByAnthropic } from './served-only-by-anthropic.js';

/**
 * `POST /v1/messages`, Anthropic's Messages API, streamed or not. The request is
 * translated into a chat request and goes through the same registry, router, pricing and
 * tracing as `/v1/chat/completions`; errors answer in Anthropic's envelope. Also
 * registers `POST /v1/messages/count_tokens`.
 */
export function registerMessagesRoute(app: FastifyInstance, services: AppServices): void {
  app.post('/v1/messages', async (request, reply) => {
    const body = parseBody(messagesRequestSchema, request.body);
    const forwardTopK = body.top_k !== undefined && servedOnlyByAnthropic(services, body.model);
    const chatRequest = toChatRequest(body, { forwardTopK });
    const context = createRequestContext(request, reply, services);
    const recorder = new CallRecorder(context, services.traceWriter, services.clock, {
      name: 'messages',
      model: body.model,
      input: chatRequest.messages,
      modelParameters: modelParametersOf(chatRequest),
    });
    request.logFields.model = body.model;

    try {
      if (body.stream) {
        await streamMessage(request, reply, { body, chatRequest, context, recorder, services });
        return reply;
      }
      const outcome = await completeChat(chatRequest, context, recorder, services.gateway);
      request.logFields.deployment = outcome.deployment.id;
      request.logFields.costUsd = outcome.cost.total;
      return reply
        .header('x-sereno-deployment', outcome.deployment.id)
        .header('x-sereno-response-cost', String(outcome.cost.total))
        .header('x-sereno-attempts', String(outcome.attempts))
        .header('x-sereno-fallbacks', String(outcome.fallbacks))
        .send(translateOutcome(outcome, body, recorder));
    } finally {
      recorder.finish();
      context.dispose();
    }
  });
  registerMessagesCountTokensRoute(app, services);
}

/** The answer in Anthropic's shape; a failure to translate it is the trace's outcome too. */
function translateOutcome(outcome: ChatOutcome, body: MessagesRequest, recorder: CallRecorder) {
  try {
    return toAnthropicMessage(outcome.response, outcome.usage, {
      model: body.model,
      provider: outcome.deployment.provider,
    });
  } catch (error) {
    const output = outcome.response.choices[0]?.message;
    recorder.fail(error as Error, { output, usage: outcome.usage, cost: outcome.cost });
    throw error;
  }
}

interface StreamCall {
  body: MessagesRequest;
  chatRequest: ChatRequest;
  context: RequestContext;
  recorder: CallRecorder;
  services: AppServices;
}

async function streamMessage(
  request: FastifyRequest,
  reply: FastifyReply,
  { body, chatRequest, context, recorder, services }: StreamCall,
): Promise<void> {
  const session = await openChatStream(chatRequest, context, recorder, services.gateway);
  reply.hijack();
  request.logFields.deployment = session.deployment.id;
  const sse = new SseWriter(reply.raw, {
    'x-request-id': request.id,
    'x-sereno-deployment': session.deployment.id,
    'x-sereno-attempts': String(session.attempts),
    'x-sereno-fallbacks': String(session.fallbacks),
  });
  const encoder = new AnthropicStreamEncoder({ model: body.model });
  const send = async (events: MessagesStreamEvent[]) => {
    for (const event of events) await sse.send(event, event.type);
  };

  let status = 200;
  try {
    for await (const chunk of session.chunks()) {
      await send(encoder.chunk(chunk, session.upstreamUsage));
    }
    await send(encoder.end(session.usage()));
    request.logFields.costUsd = session.cost().total;
  } catch (error) {
    const failure = toSerenoError(error, request.id);
    status = failure.status;
    logError(request, failure, error);
    request.logFields.errorCode = failure.code;
    // After the first byte the status is sent: the failure goes in-band, no message_stop.
    if (failure.kind !== 'client_closed') await sse.send(anthropicErrorBody(failure), 'error');
  } finally {
    sse.end();
    logRequestLine(request, status, services.clock.now() - context.startTime);
  }
}
