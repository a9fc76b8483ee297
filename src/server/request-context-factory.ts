import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientClosedError, TimeoutError } from '../errors/sereno-error.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { AppServices } from './app-services.js';
import { callerTraceContext } from './caller-trace-context.js';

export interface DisposableRequestContext extends RequestContext {
  /** Stops the deadline timer and the disconnect watch; call when the response is done. */
  dispose(): void;
}

/**
 * The context of one gateway request: its ids, its logger, the caller's trace it joins
 * (answered as `x-sereno-trace-id`), and one signal that aborts when the client leaves or
 * the request's deadline passes.
 */
export function createRequestContext(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
): DisposableRequestContext {
  const trace = callerTraceContext(request.headers, request.body, request.id);
  // Set on the raw response so that streamed answers, which bypass the reply, carry it too.
  reply.raw.setHeader('x-sereno-trace-id', trace.traceId);
  const startTime = services.clock.now();
  const timeoutMs = services.config.router.timeoutMs;
  const controller = new AbortController();

  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort(new ClientClosedError());
  };
  reply.raw.on('close', onClose);
  const timer = setTimeout(() => {
    controller.abort(
      new TimeoutError(`The request did not finish within ${timeoutMs / 1000} s.`, {
        code: 'upstream_timeout',
      }),
    );
  }, timeoutMs);
  timer.unref();

  return {
    requestId: request.id,
    projectId: request.caller.projectId,
    logger: request.log,
    signal: controller.signal,
    startTime,
    bodyBytes: Number(request.headers['content-length']) || undefined,
    deadline: startTime + timeoutMs,
    trace,
    onCallEnd: services.metrics.observeCall,
    releaseDeadline: () => clearTimeout(timer),
    dispose() {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
    },
  };
}
