import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientClosedError, TimeoutError } from '../errors/sereno-error.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { AppServices } from './app-services.js';

export interface DisposableRequestContext extends RequestContext {
  /** Stops the deadline timer and the disconnect watch; call when the response is done. */
  dispose(): void;
}

/**
 * The context of one gateway request: its ids, its logger, and one signal that aborts
 * when the client leaves or the request's deadline passes.
 */
export function createRequestContext(
  request: FastifyRequest,
  reply: FastifyReply,
  services: AppServices,
): DisposableRequestContext {
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
    deadline: startTime + timeoutMs,
    trace: { traceId: request.id },
    dispose() {
      clearTimeout(timer);
      reply.raw.off('close', onClose);
    },
  };
}
