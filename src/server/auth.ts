import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
} from '../errors/sereno-error.js';
import type { KeyRole } from '../projects/api-keys.js';
import type { ProjectDirectory } from '../projects/project-directory.js';

/** Who is calling: the project it acts on, its role there, and whether it holds the master key. */
export interface Caller {
  projectId: string;
  /** Holds the master key: manages projects and keys, reads /metrics. */
  isAdmin: boolean;
  /** The role of its key pair in the project; the master key is an admin of every project. */
  projectRole: KeyRole;
  /** The public key of a project key pair, when the caller used one. */
  publicKey?: string;
}

interface PresentedCredentials {
  /** A bearer token, an `x-api-key`, or the password of HTTP Basic. */
  secret?: string;
  /** The user of HTTP Basic: a project's public key. */
  publicKey?: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Reads `Authorization: Bearer|Basic`, `x-api-key` or `api-key`. */
export function readCredentials(request: FastifyRequest): PresentedCredentials {
  const authorization = header(request, 'authorization');
  if (authorization) {
    const space = authorization.indexOf(' ');
    const scheme = authorization.slice(0, space).toLowerCase();
    const value = authorization.slice(space + 1).trim();
    if (scheme === 'bearer' && value) return { secret: value };
    if (scheme === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return { secret: decoded };
      return { publicKey: decoded.slice(0, colon) || undefined, secret: decoded.slice(colon + 1) };
    }
  }
  return { secret: header(request, 'x-api-key') ?? header(request, 'api-key') };
}

export interface AuthenticatorOptions {
  masterKey: string | undefined;
  directory: ProjectDirectory;
  defaultProjectId: string;
}

/**
 * Resolves the caller of a request. The master key acts on the default project, or on
 * the one `x-sereno-project` names; a project's secret key (alone as a bearer token, or
 * with its public key as HTTP Basic, as Langfuse's SDKs send it) acts on its project.
 * Without a master key Sereno is open: keyless callers act on the default project.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const masterDigest = options.masterKey ? digest(options.masterKey) : undefined;
  const isMaster = (secret: string) =>
    masterDigest !== undefined && timingSafeEqual(digest(secret), masterDigest);

  const asAdmin = async (request: FastifyRequest): Promise<Caller> => {
    const named = header(request, 'x-sereno-project');
    if (!named) return { projectId: options.defaultProjectId, isAdmin: true, projectRole: 'admin' };
    const projectId = await options.directory.resolveProject(named);
    if (!projectId) throw new NotFoundError(`No project named ${named}.`, { code: 'not_found' });
    return { projectId, isAdmin: true, projectRole: 'admin' };
  };

  return async function authenticate(request: FastifyRequest): Promise<Caller> {
    const { secret, publicKey } = readCredentials(request);
    if (secret && isMaster(secret)) return asAdmin(request);

    const key = secret ? await options.directory.resolveSecretKey(secret) : undefined;
    if (key && (!publicKey || publicKey === key.publicKey)) {
      const named = header(request, 'x-sereno-project');
      if (named && (await options.directory.resolveProject(named)) !== key.projectId) {
        throw new PermissionDeniedError('This key may act only on its own project.', {
          code: 'permission_denied',
        });
      }
      return {
        projectId: key.projectId,
        isAdmin: false,
        projectRole: key.role,
        publicKey: key.publicKey,
      };
    }

    if (!masterDigest && !publicKey) return asAdmin(request);
    if (!secret) {
      throw new AuthenticationError(
        'No API key was sent. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
        { code: 'missing_api_key' },
      );
    }
    throw new AuthenticationError('The API key is not valid.', { code: 'invalid_api_key' });
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
