import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SerenoError } from '../errors/sereno-error.js';
import type { ChatStreamSession } from '../gateway/chat-stream-session.js';
import type { Clock } from '../time/clock.js';
import { logError, toSerenoError } from './error-handler.js';
import { logRequestLine } from './request-log.js';
import { SseWriter } from './sse-writer.js';

/** A route's own part of a streamed answer, in its wire format. */
export interface StreamEvents {
  /** Sends the stream's events, its closing events included. */
  send(sse: SseWriter): Promise<void>;
  /** Sends a failure as an event, in the route's error envelope. */
  sendFailure(sse: SseWriter, failure: SerenoError): Promise<void>;
}

/** The stream's session, and when its request started, for the request line. */
export interface StreamTiming {
  session: ChatStreamSession;
  startTime: number;
  clock: Clock;
}

function openSse(request: FastifyRequest, reply: FastifyReply, session: ChatStreamSession) {
  reply.hijack();
  request.logFields.deployment = session.deployment.id;
  return new SseWriter(reply.raw, {
    'x-request-id': request.id,
    'x-sereno-deployment': session.deployment.id,
    'x-sereno-attempts': String(session.attempts),
    'x-sereno-fallbacks': String(session.fallbacks),
  });
}

/**
 * Answers with server-sent events: takes the reply over with the routing's `x-sereno-*`
 * headers and sends the events. After the first byte the status is sent, so a failure goes
 * in-band and the stream ends without its closing events; a client that left is sent
 * nothing. The request's line is logged with the failure's status, or 200.
 */
export async function streamReply(
  request: FastifyRequest,
  reply: FastifyReply,
  { session, startTime, clock }: StreamTiming,
  events: StreamEvents,
): Promise<void> {
  const sse = openSse(request, reply, session);
  let status = 200;
  try {
    await events.send(sse);
    request.logFields.costUsd = session.cost().total;
  } catch (error) {
    const failure = toSerenoError(error, request.id);
    status = failure.status;
    logError(request, failure, error);
    request.logFields.errorCode = failure.code;
    if (failure.kind !== 'client_closed') await events.sendFailure(sse, failure);
  } finally {
    sse.end();
    logRequestLine(request, status, clock.now() - startTime);
  }
}
