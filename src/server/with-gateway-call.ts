import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallRecorder, type CallDescription } from '../gateway/call-recorder.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { AppServices } from './app-services.js';
import { createRequestContext } from './request-context-factory.js';

/** One gateway call of a route: its request context and the recorder that traces it. */
export interface GatewayCall {
  context: RequestContext;
  recorder: CallRecorder;
}

/**
 * Runs a route's gateway call: makes its context and recorder and puts the model on the
 * request's log line; however `run` ends, the trace goes to the writer and the context's
 * deadline timer and disconnect watch stop.
 */
export async function withGatewayCall<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
  description: CallDescription,
  run: (call: GatewayCall) => Promise<T>,
): Promise<T> {
  const context = createRequestContext(request, reply, services);
  const recorder = new CallRecorder(context, services.traceWriter, services.clock, description);
  request.logFields.model = description.model;

  try {
    return await run({ context, recorder });
  } finally {
    recorder.finish();
    context.dispose();
  }
}
