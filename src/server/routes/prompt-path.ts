import { BadRequestError } from '../../errors/sereno-error.js';

const prefix = '/api/public/v2/prompts/';

/** `versions`, as the SDKs send it; `version`, as an older API definition wrote it. */
const versionSegments = new Set(['versions', 'version']);

export interface PromptPath {
  name: string;
  /** Set for `.../versions/{version}`. */
  version?: number;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestError(`The path segment "${segment}" is not valid percent-encoding.`, {
      code: 'invalid_request',
    });
  }
}

/**
 * The prompt a path names. Names with folders arrive with their slashes encoded
 * (`a%2Fb`, as the SDKs send them) or plain (`a/b`); both read as `a/b`. With
 * `withVersion`, the path ends in `/versions/{version}` (or `/version/{version}`), matched
 * before decoding so that an encoded slash in the name never reads as that separator.
 */
export function parsePromptPath(url: string, withVersion: boolean): PromptPath {
  const path = (url.split('?')[0] ?? '').slice(prefix.length).replace(/\/+$/, '');
  const segments = path.split('/');
  if (!withVersion) return { name: segments.map(decode).join('/') };

  const version = segments.at(-1) ?? '';
  const separator = segments.at(-2) ?? '';
  if (segments.length < 3 || !versionSegments.has(separator) || !/^[1-9]\d*$/.test(version)) {
    throw new BadRequestError(
      'Name the version to label as /api/public/v2/prompts/{name}/versions/{version}.',
      { code: 'invalid_request' },
    );
  }
  return { name: segments.slice(0, -2).map(decode).join('/'), version: Number(version) };
}
