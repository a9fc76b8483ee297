import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallRecorder } from '../../gateway/call-recorder.js';
import { completeChat, openChatStream, type ChatOutcome } from '../../gateway/chat-gateway.js';
import type { ChatStreamSession } from '../../gateway/chat-stream-session.js';
import { modelParametersOf } from '../../gateway/model-parameters.js';
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
import { parseBody } from '../parse-body.js';
import { reportOutcome } from '../report-outcome.js';
import type { SseWriter } from '../sse-writer.js';
import { streamReply } from '../stream-reply.js';
import { withGatewayCall, type GatewayCall } from '../with-gateway-call.js';
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
    const description = {
      name: 'messages',
      model: body.model,
      input: chatRequest.messages,
      modelParameters: modelParametersOf(chatRequest),
    };

    return withGatewayCall(request, reply, services, description, async (call) => {
      if (body.stream) {
        await streamMessage(request, reply, { body, chatRequest, call, services });
        return reply;
      }
      const { context, recorder } = call;
      const outcome = await completeChat(chatRequest, context, recorder, services.gateway);
      reportOutcome(request, reply, outcome);
      return reply.send(translateOutcome(outcome, body, recorder));
    });
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
  call: GatewayCall;
  services: AppServices;
}

async function streamMessage(
  request: FastifyRequest,
  reply: FastifyReply,
  { body, chatRequest, call, services }: StreamCall,
): Promise<void> {
  const { context, recorder } = call;
  const session = await openChatStream(chatRequest, context, recorder, services.gateway);
  const timing = { session, startTime: context.startTime, clock: services.clock };
  await streamReply(request, reply, timing, {
    send: (sse) => sendEvents(sse, body, session),
    sendFailure: (sse, failure) => sse.send(anthropicErrorBody(failure), 'error'),
  });
}

/** The chunks as Anthropic's events, then the closing ones, which a failure never sends. */
async function sendEvents(sse: SseWriter, body: MessagesRequest, session: ChatStreamSession) {
  const encoder = new AnthropicStreamEncoder({ model: body.model });
  const send = async (events: MessagesStreamEvent[]) => {
    for (const event of events) await sse.send(event, event.type);
  };
  for await (const chunk of session.chunks()) {
    await send(encoder.chunk(chunk, session.upstreamUsage));
  }
  await send(encoder.end(session.usage()));
}
