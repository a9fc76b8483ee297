import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from '../errors/sereno-error.js';

/**
 * Deeper bodies are refused: sending one on would overflow the stack when it is serialised
 * again, a 500 for what is the client's mistake. Real tool schemas stay far below this.
 */
const maxNestingDepth = 128;

/** Counts brackets outside strings; UTF-8 continuation bytes never look like ASCII. */
function nestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Where JSON.parse stopped, without the snippet of the body its message quotes: a body
 * may hold anything, and error messages reach the log.
 */
function jsonErrorPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position) return ` (at byte ${position})`;
  return /unexpected end/i.test(message) ? ' (it ends too early)' : '';
}

function parseJsonBody(
  request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  // A route that does not exist answers 404 or 405, whatever its body holds.
  if (request.is404) {
    done(null, undefined);
    return;
  }
  if (body.length === 0) {
    done(
      new BadRequestError('The request body is empty; send a JSON object.', {
        code: 'invalid_json',
      }),
    );
    return;
  }
  if (!isUtf8(body)) {
    done(new BadRequestError('The request body is not valid UTF-8.', { code: 'invalid_utf8' }));
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    done(
      new BadRequestError(`The request body is not valid JSON${jsonErrorPosition(error)}.`, {
        code: 'invalid_json',
      }),
    );
    return;
  }
  if (nestsDeeperThan(body, maxNestingDepth)) {
    const message = `The request body nests deeper than ${maxNestingDepth} levels.`;
    done(new BadRequestError(message, { code: 'invalid_request' }));
    return;
  }
  done(null, parsed);
}

/**
 * Bodies are JSON whatever their content type says, as clients such as `curl -d` often
 * send none; they must be valid UTF-8 and within the body limit.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, parseJsonBody);
}
