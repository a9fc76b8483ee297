import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProviderError } from '../errors/provider-error.js';
import {
  BadRequestError,
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  SerenoError,
} from '../errors/sereno-error.js';
import { envelopeFor, errorBody } from './error-envelopes.js';

/** Any error, as the SerenoError a client may see. Unknown errors become a generic 500. */
export function toSerenoError(
  error: unknown,
  requestId: string,
  bodyLimitBytes?: number,
): SerenoError {
  if (error instanceof SerenoError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = bodyLimitBytes ? ` of ${(bodyLimitBytes / 1024 / 1024).toFixed(1)} MB` : '';
    return new PayloadTooLargeError(`The request body is larger than the limit${limit}.`, {
      code: 'body_too_large',
    });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new BadRequestError(fastifyError.message ?? 'Bad request.', { code: 'invalid_request' });
  }
  return new InternalError(
    `Sereno failed to handle the request; see its log for request ${requestId}.`,
    {
      code: 'internal_error',
      cause: error,
    },
  );
}

/** Logs an error once, at the level its kind deserves. */
export function logError(request: FastifyRequest, error: SerenoError, original: unknown): void {
  if (error.kind === 'internal') {
    request.log.error({ err: original }, 'request failed');
  } else if (error instanceof ProviderError || error.status >= 500) {
    request.log.warn({ err: error }, 'upstream failed');
  } else {
    // A client's mistake: said once, in the request's own line.
    (request.logFields ??= {}).errorMessage = error.message;
  }
}

/** Sends an error in the envelope of the API the client called. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  original: unknown,
): FastifyReply {
  const error = toSerenoError(original, request.id, request.routeOptions?.bodyLimit);
  logError(request, error, original);
  (request.logFields ??= {}).errorCode = error.code;
  return reply
    .status(error.status)
    .headers(error.headers)
    .send(errorBody(envelopeFor(request.url), error));
}

/** Each route's path as a pattern, with its methods, to tell a wrong method from a wrong path. */
type RouteMethods = { pattern: RegExp; methods: string[] }[];

function routePattern(url: string): RegExp {
  const segments = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    if (segment.startsWith(':')) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}/?$`);
}

function unmatchedRouteError(request: FastifyRequest, routes: RouteMethods): SerenoError {
  const path = request.url.split('?')[0] ?? '';
  const allowed = new Set(
    routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods),
  );
  if (allowed.size === 0) {
    return new NotFoundError(`No route ${request.method} ${path}.`, { code: 'not_found' });
  }
  const allow = [...allowed].sort().join(', ');
  return new SerenoError(
    'bad_request',
    405,
    `${path} does not accept ${request.method}; use ${allow}.`,
    {
      code: 'method_not_allowed',
      headers: { allow },
    },
  );
}

/** The single exit for errors, and for routes that do not exist or not for this method. */
export function registerErrorHandling(app: FastifyInstance): void {
  const routes: RouteMethods = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: routePattern(route.url), methods: methods.map(String) });
  });
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, unmatchedRouteError(request, routes)),
  );
}

/**
 * A request Node's HTTP parser cannot read never reaches a route: answer it on the socket
 * in OpenAI's envelope, then close the connection.
 */
export function answerMalformedRequest(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({
    error: {
      message: tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_request',
    },
  });
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
      'content-type: application/json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
