import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from '../errors/sereno-error.js';

function parseJsonBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
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
  try {
    done(null, JSON.parse(body.toString('utf8')));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    done(
      new BadRequestError(`The request body is not valid JSON: ${detail}`, {
        code: 'invalid_json',
      }),
    );
  }
}

/**
 * Bodies are JSON whatever their content type says, as clients such as `curl -d` often
 * send none; they must be valid UTF-8 and within the body limit.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, parseJsonBody);
}
