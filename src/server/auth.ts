import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthenticationError } from '../errors/sereno-error.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The key a client sent: `Authorization: Bearer`, `x-api-key`, `api-key`, or a Basic password. */
export function readPresentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const [scheme, value] = authorization.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer' && value) return value.trim();
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : decoded;
    }
  }
  const headerKey = request.headers['x-api-key'] ?? request.headers['api-key'];
  return typeof headerKey === 'string' && headerKey ? headerKey : undefined;
}

/**
 * Checks the master key in constant time. Without a master key the gateway is open, which
 * Sereno only allows on a loopback address (see `start`).
 */
export function createKeyCheck(masterKey: string | undefined): (request: FastifyRequest) => void {
  const expected = masterKey ? digest(masterKey) : undefined;
  return (request) => {
    if (!expected) return;
    const presented = readPresentedKey(request);
    if (!presented) {
      throw new AuthenticationError(
        'No API key was sent. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
        { code: 'missing_api_key' },
      );
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      throw new AuthenticationError('The API key is not valid.', { code: 'invalid_api_key' });
    }
  };
}
