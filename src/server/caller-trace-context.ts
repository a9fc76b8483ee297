import type { IncomingHttpHeaders } from 'node:http';
import { BadRequestError } from '../errors/sereno-error.js';
import type { TraceContext } from '../gateway/request-context.js';

/**
 * How a gateway call joins the caller's own trace: `x-sereno-*` headers first, then the
 * body's `metadata` (or `litellm_metadata`) as LiteLLM's Langfuse integration reads it,
 * then the body's `user`.
 */

/** Metadata keys that steer the trace; the rest is the caller's and goes on the generation. */
const steeringKeys = new Set([
  'trace_id',
  'existing_trace_id',
  'trace_name',
  'trace_user_id',
  'trace_metadata',
  'trace_version',
  'trace_release',
  'session_id',
  'tags',
  'generation_name',
  'generation_id',
  'parent_observation_id',
  'update_trace_keys',
  'version',
]);

const environmentPattern = /^(?!langfuse)[a-z0-9_-]{1,40}$/;

function invalid(param: string, message: string): BadRequestError {
  return new BadRequestError(`Invalid value for '${param}': ${message}.`, {
    code: 'invalid_request',
    param,
  });
}

/**
 * A trace or observation id as Langfuse takes one: a UUID, an OpenTelemetry hex id (read
 * in lower case, as OpenTelemetry writes it, so the call joins spans exported over OTLP),
 * or any other id of up to 800 printable characters.
 */
export function readTraceId(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(param, 'expected a string');
  const id = value.trim();
  // eslint-disable-next-line no-control-regex
  if (id.length === 0 || id.length > 800 || /[\u0000-\u001f\u007f]/.test(id)) {
    throw invalid(param, 'expected a UUID, an OpenTelemetry hex id, or another printable id');
  }
  return /^([0-9a-f]{32}|[0-9a-f]{16})$/i.test(id) ? id.toLowerCase() : id;
}

/**
 * A header's value. Node reads header bytes as Latin-1; clients send UTF-8, so a value
 * with bytes past ASCII is read again as UTF-8 (`ü-user`, not `Ã¼-user`).
 */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const raw = Array.isArray(value) ? value.join(',') : value;
  const text =
    raw && /[\u0080-\u00ff]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  return text?.trim() || undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.filter((item): item is string => typeof item === 'string' && item !== '');
  return items.length > 0 ? items : undefined;
}

function headerMetadata(headers: IncomingHttpHeaders): Record<string, unknown> | undefined {
  const raw = header(headers, 'x-sereno-trace-metadata');
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (isRecord(parsed)) return parsed;
  } catch {
    // Answered below with the same message as a value that is not an object.
  }
  throw invalid('x-sereno-trace-metadata', 'expected a JSON object');
}

function headerEnvironment(headers: IncomingHttpHeaders): string | undefined {
  const environment = header(headers, 'x-sereno-environment');
  if (environment !== undefined && !environmentPattern.test(environment)) {
    throw invalid(
      'x-sereno-environment',
      'use up to 40 lower-case letters, digits, "-" and "_", not starting with "langfuse"',
    );
  }
  return environment;
}

/** The LiteLLM-style metadata of a body: `metadata`, and `litellm_metadata` over it. */
function bodyMetadata(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) return {};
  return {
    ...(isRecord(body.metadata) ? body.metadata : {}),
    ...(isRecord(body.litellm_metadata) ? body.litellm_metadata : {}),
  };
}

/** The end user: OpenAI's `user`, or Anthropic's `metadata.user_id`. */
function bodyUser(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return text(body.user) ?? (isRecord(body.metadata) ? text(body.metadata.user_id) : undefined);
}

/**
 * The trace fields the metadata sets. With `existing_trace_id` LiteLLM touches only the
 * fields `update_trace_keys` lists, and so does Sereno.
 */
function metadataTraceFields(metadata: Record<string, unknown>): Partial<TraceContext> {
  const existing = metadata.existing_trace_id !== undefined;
  const updateKeys = new Set(stringList(metadata.update_trace_keys) ?? []);
  const allowed = (key: string) => !existing || updateKeys.has(key);
  const pick = <T>(key: string, value: T) => (allowed(key) ? value : undefined);
  return {
    traceName: pick('trace_name', text(metadata.trace_name)),
    sessionId: pick('session_id', text(metadata.session_id)),
    userId: pick('trace_user_id', text(metadata.trace_user_id)),
    tags: pick('tags', stringList(metadata.tags)),
    metadata: pick(
      'trace_metadata',
      isRecord(metadata.trace_metadata) ? metadata.trace_metadata : undefined,
    ),
    version: pick('trace_version', text(metadata.trace_version) ?? text(metadata.version)),
    release: pick('trace_release', text(metadata.trace_release)),
    writeTraceInput: updateKeys.has('input'),
    writeTraceOutput: updateKeys.has('output'),
  };
}

function callerMetadataOf(metadata: Record<string, unknown>): Record<string, unknown> | undefined {
  const rest = Object.entries(metadata).filter(([key]) => !steeringKeys.has(key));
  return rest.length > 0 ? Object.fromEntries(rest) : undefined;
}

const traceHeaders = [
  'x-sereno-trace-id',
  'x-sereno-parent-observation-id',
  'x-sereno-trace-name',
  'x-sereno-session-id',
  'x-sereno-user-id',
  'x-sereno-tags',
  'x-sereno-trace-metadata',
  'x-sereno-environment',
];

/** Most calls name no trace: answered without reading a field, on the hot path. */
function saysAnythingOfTraces(headers: IncomingHttpHeaders, body: unknown): boolean {
  if (traceHeaders.some((name) => headers[name] !== undefined)) return true;
  if (!isRecord(body)) return false;
  return body.metadata != null || body.litellm_metadata != null || body.user != null;
}

/**
 * The trace context of a gateway request. Without a trace named by the caller the call
 * is its own trace, under the request id. With one (`x-sereno-trace-id`,
 * `metadata.trace_id` or `metadata.existing_trace_id`), the call's generation goes under
 * it, and the trace gets only the fields the caller set: never the gateway's own name,
 * input or output, unless `metadata.update_trace_keys` asks for `input` or `output`.
 */
export function callerTraceContext(
  headers: IncomingHttpHeaders,
  body: unknown,
  requestId: string,
): TraceContext {
  if (!saysAnythingOfTraces(headers, body)) return { traceId: requestId, callerTrace: false };
  const metadata = bodyMetadata(body);
  const fromMetadata = metadataTraceFields(metadata);
  const named =
    readTraceId(header(headers, 'x-sereno-trace-id'), 'x-sereno-trace-id') ??
    readTraceId(metadata.existing_trace_id, 'metadata.existing_trace_id') ??
    readTraceId(metadata.trace_id, 'metadata.trace_id');
  const tags = header(headers, 'x-sereno-tags')
    ?.split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

  return {
    ...fromMetadata,
    traceId: named ?? requestId,
    callerTrace: named !== undefined,
    parentObservationId:
      readTraceId(
        header(headers, 'x-sereno-parent-observation-id'),
        'x-sereno-parent-observation-id',
      ) ?? readTraceId(metadata.parent_observation_id, 'metadata.parent_observation_id'),
    traceName: header(headers, 'x-sereno-trace-name') ?? fromMetadata.traceName,
    sessionId: header(headers, 'x-sereno-session-id') ?? fromMetadata.sessionId,
    userId:
      header(headers, 'x-sereno-user-id') ??
      fromMetadata.userId ??
      (metadata.existing_trace_id === undefined ? bodyUser(body) : undefined),
    tags: tags && tags.length > 0 ? tags : fromMetadata.tags,
    metadata: headerMetadata(headers) ?? fromMetadata.metadata,
    environment: headerEnvironment(headers),
    generationName: text(metadata.generation_name),
    generationId: readTraceId(metadata.generation_id, 'metadata.generation_id'),
    generationVersion: text(metadata.version),
    generationMetadata: callerMetadataOf(metadata),
  };
}
