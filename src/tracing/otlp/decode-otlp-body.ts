import { isUtf8 } from 'node:buffer';
import { BadRequestError, PayloadTooLargeError, SerenoError } from '../../errors/sereno-error.js';
import { holdsMoreMessagesThan } from './count-protobuf-messages.js';
import { inflateBody } from './inflate-body.js';
import type { OtlpExport } from './otlp-model.js';
import { exportTraceRequestType } from './otlp-proto-schema.js';
import { readOtlpExport } from './read-otlp-export.js';

/** The two encodings of OTLP over HTTP; the answer is written in the one the request used. */
export type OtlpFormat = 'protobuf' | 'json';

const formats: Record<string, OtlpFormat> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/** The format a `content-type` names; any other is a 415, as OTLP/HTTP asks. */
export function otlpFormatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = formats[mediaType];
  if (format) return format;
  throw new SerenoError(
    'bad_request',
    415,
    `Content-Type ${mediaType || '(none)'} is not supported; ` +
      'send application/x-protobuf or application/json.',
    { code: 'invalid_request' },
  );
}

/**
 * The most messages (spans, attributes, values) one protobuf body may hold: about 100 MB
 * of heap once decoded, far above a batch of 512 spans with dozens of attributes each.
 */
const maxProtobufMessages = 1_000_000;

function notProtobuf(error: unknown): BadRequestError {
  const detail = error instanceof Error ? error.message : String(error);
  return new BadRequestError(`The body is not an OTLP protobuf message: ${detail}.`, {
    code: 'invalid_request',
  });
}

function holdsTooManyMessages(bytes: Buffer): boolean {
  try {
    return holdsMoreMessagesThan(bytes, exportTraceRequestType, maxProtobufMessages);
  } catch (error) {
    throw notProtobuf(error);
  }
}

function decodeProtobuf(bytes: Buffer): unknown {
  if (holdsTooManyMessages(bytes)) {
    throw new PayloadTooLargeError(
      `The body holds more than ${maxProtobufMessages} protobuf messages; ` +
        'send fewer spans per request.',
      { code: 'body_too_large' },
    );
  }
  try {
    const message = exportTraceRequestType.decode(bytes);
    return exportTraceRequestType.toObject(message, { longs: String, bytes: String });
  } catch (error) {
    throw notProtobuf(error);
  }
}

function parseJson(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) {
    throw new BadRequestError('The body is not valid UTF-8.', { code: 'invalid_utf8' });
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BadRequestError(`The body is not valid JSON: ${detail}`, { code: 'invalid_json' });
  }
}

/** A request body with the headers that say how to read it. */
export interface OtlpBody {
  body: Buffer | undefined;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  /** The most bytes the body may inflate to. */
  maxBytes: number;
}

/** The spans of a body, and the encoding its answer must use. */
export interface DecodedOtlpBody {
  format: OtlpFormat;
  spans: OtlpExport;
}

/** Inflates and decodes an OTLP/HTTP trace export body of either encoding. */
export async function decodeOtlpBody(input: OtlpBody): Promise<DecodedOtlpBody> {
  const format = otlpFormatOf(input.contentType);
  const body = input.body ?? Buffer.alloc(0);
  const bytes = await inflateBody(body, input.contentEncoding, input.maxBytes);
  const spans =
    format === 'protobuf'
      ? readOtlpExport(decodeProtobuf(bytes), 'base64')
      : readOtlpExport(parseJson(bytes), 'hex');
  return { format, spans };
}
