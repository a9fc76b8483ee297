import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CallRecorder } from '../../gateway/call-recorder.js';
import { completeChat, openChatStream } from '../../gateway/chat-gateway.js';
import { modelParametersOf } from '../../gateway/model-parameters.js';
import type { RequestContext } from '../../gateway/request-context.js';
import { applyManagedPrompt } from '../../prompts/managed-prompt-request.js';
import { chatRequestSchema, type ChatRequest } from '../../wire/openai/chat-request-schema.js';
import { toOpenAiUsage } from '../../wire/openai/openai-usage.js';
import type { AppServices } from '../app-services.js';
import { openAiErrorBody } from '../error-envelopes.js';
import { logError, toSerenoError } from '../error-handler.js';
import { parseBody } from '../parse-body.js';
import { createRequestContext } from '../request-context-factory.js';
import { SseWriter } from '../sse-writer.js';
import { logRequestLine } from '../request-log.js';

/** `POST /v1/chat/completions`, streamed or not, in OpenAI's wire format. */
export function registerChatCompletionsRoute(app: FastifyInstance, services: AppServices): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    const prompted = await applyManagedPrompt(
      request.body,
      request.caller.projectId,
      services.prompts,
    );
    const body = parseBody(chatRequestSchema, prompted.body);
    const context = createRequestContext(request, reply, services);
    const recorder = new CallRecorder(context, services.traceWriter, services.clock, {
      name: 'chat.completions',
      model: body.model,
      input: body.messages,
      modelParameters: modelParametersOf(body),
      prompt: prompted.prompt,
    });
    request.logFields.model = body.model;

    try {
      if (body.stream) {
        await streamChat(request, reply, body, context, recorder, services);
        return reply;
      }
      const outcome = await completeChat(body, context, recorder, services.gateway);
      request.logFields.deployment = outcome.deployment.id;
      request.logFields.costUsd = outcome.cost.total;
      return reply
        .header('x-sereno-deployment', outcome.deployment.id)
        .header('x-sereno-response-cost', String(outcome.cost.total))
        .header('x-sereno-attempts', String(outcome.attempts))
        .header('x-sereno-fallbacks', String(outcome.fallbacks))
        .send(outcome.response);
    } finally {
      recorder.finish();
      context.dispose();
    }
  });
}

async function streamChat(
  request: FastifyRequest,
  reply: FastifyReply,
  body: ChatRequest,
  context: RequestContext,
  recorder: CallRecorder,
  services: AppServices,
): Promise<void> {
  const session = await openChatStream(body, context, recorder, services.gateway);
  reply.hijack();
  request.logFields.deployment = session.deployment.id;
  const sse = new SseWriter(reply.raw, {
    'x-request-id': request.id,
    'x-sereno-deployment': session.deployment.id,
    'x-sereno-attempts': String(session.attempts),
    'x-sereno-fallbacks': String(session.fallbacks),
  });

  let status = 200;
  try {
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
    request.logFields.costUsd = session.cost().total;
  } catch (error) {
    const failure = toSerenoError(error, request.id);
    status = failure.status;
    logError(request, failure, error);
    request.logFields.errorCode = failure.code;
    // After the first byte the status is sent: the failure goes in-band, and no [DONE].
    if (failure.kind !== 'client_closed') await sse.send(openAiErrorBody(failure));
  } finally {
    sse.end();
    logRequestLine(request, status, services.clock.now() - context.startTime);
  }
}
