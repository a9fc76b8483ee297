import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeChat, openChatStream } from '../../gateway/chat-gateway.js';
import type { ChatStreamSession } from '../../gateway/chat-stream-session.js';
import { modelParametersOf } from '../../gateway/model-parameters.js';
import { applyManagedPrompt } from '../../prompts/managed-prompt-request.js';
import { chatRequestSchema, type ChatRequest } from '../../wire/openai/chat-request-schema.js';
import { toOpenAiUsage } from '../../wire/openai/openai-usage.js';
import type { AppServices } from '../app-services.js';
import { openAiErrorBody } from '../error-envelopes.js';
import { parseBody } from '../parse-body.js';
import { reportOutcome } from '../report-outcome.js';
import type { SseWriter } from '../sse-writer.js';
import { streamReply } from '../stream-reply.js';
import { withGatewayCall, type GatewayCall } from '../with-gateway-call.js';

/** `POST /v1/chat/completions`, streamed or not, in OpenAI's wire format. */
export function registerChatCompletionsRoute(app: FastifyInstance, services: AppServices): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    const prompted = await applyManagedPrompt(
      request.body,
      request.caller.projectId,
      services.prompts,
    );
    const body = parseBody(chatRequestSchema, prompted.body);
    const description = {
      name: 'chat.completions',
      model: body.model,
      input: body.messages,
      modelParameters: modelParametersOf(body),
      prompt: prompted.prompt,
    };

    return withGatewayCall(request, reply, services, description, async (call) => {
      if (body.stream) {
        await streamChat(request, reply, body, call, services);
        return reply;
      }
      const outcome = await completeChat(body, call.context, call.recorder, services.gateway);
      return reportOutcome(request, reply, outcome).send(outcome.response);
    });
  });
}

async function streamChat(
  request: FastifyRequest,
  reply: FastifyReply,
  body: ChatRequest,
  { context, recorder }: GatewayCall,
  services: AppServices,
): Promise<void> {
  const session = await openChatStream(body, context, recorder, services.gateway);
  const timing = { session, startTime: context.startTime, clock: services.clock };
  await streamReply(request, reply, timing, {
    send: (sse) => sendChunks(sse, body, session),
    sendFailure: (sse, failure) => sse.send(openAiErrorBody(failure)),
  });
}

/** The chunks, the usage chunk when asked for, then `[DONE]`, which a failure never sends. */
async function sendChunks(sse: SseWriter, body: ChatRequest, session: ChatStreamSession) {
  for await (const chunk of session.chunks()) await sse.send(chunk);
  const last = session.last;
  if (body.stream_options?.include_usage && last) {
    await sse.send({
      id: last.id,
      object: 'chat.completion.chunk',
      created: last.created,
      model: last.model,
      choices: [],
      usage: toOpenAiUsage(session.usage()),
    });
  }
  await sse.send('[DONE]');
}
