import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { BadRequestError, PayloadTooLargeError, SerenoError } from '../../errors/sereno-error.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

function isTooLarge(error: unknown): boolean {
  return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Undoes `content-encoding` (gzip, deflate or none). Inflating stops at `maxBytes`, so a
 * small body that expands without end (a zip bomb) costs at most that much memory and is
 * answered 413.
 */
export async function inflateBody(
  body: Buffer,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  const inflater =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? gunzipAsync
      : encoding === 'deflate'
        ? inflateAsync
        : undefined;
  if (!inflater) {
    throw new SerenoError(
      'bad_request',
      415,
      `Content-Encoding ${encoding} is not supported; send gzip or none.`,
      {
        code: 'invalid_request',
      },
    );
  }
  try {
    return await inflater(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (isTooLarge(error)) {
      throw new PayloadTooLargeError(
        `The body inflates to more than the limit of ${maxBytes} bytes.`,
        { code: 'body_too_large' },
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(`The body is not valid ${encoding} data: ${detail}.`, {
      code: 'invalid_request',
    });
  }
}
