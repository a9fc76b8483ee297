import type { FastifyInstance } from 'fastify';
import { RateLimitError } from '../../errors/sereno-error.js';
import { priceWrites } from '../../tracing/ingestion/price-writes.js';
import { decodeOtlpBody } from '../../tracing/otlp/decode-otlp-body.js';
import { encodeOtlpResponse, partialSuccessOf } from '../../tracing/otlp/otlp-response.js';
import { otlpToTraceWrites } from '../../tracing/otlp/otlp-to-trace-writes.js';
import type { TraceWrite } from '../../tracing/trace-records.js';
import { TraceQueueFullError, type TraceWriter } from '../../tracing/trace-writer.js';
import type { AppServices } from '../app-services.js';

/** How long an exporter should wait when the trace queue is full. */
const retryAfterSeconds = 2;

async function writeDurably(writer: TraceWriter, writes: TraceWrite[]): Promise<void> {
  try {
    await writer.write(writes);
  } catch (error) {
    if (!(error instanceof TraceQueueFullError)) throw error;
    throw new RateLimitError('The trace queue is full; nothing of this export was stored.', {
      code: 'trace_queue_full',
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

/**
 * `POST /api/public/otel/v1/traces`: OTLP/HTTP trace export, protobuf or JSON, gzip or
 * plain, as the Langfuse SDKs' span processor and any OpenTelemetry exporter send it.
 * Spans become observations and traces of the caller's project; generations with usage
 * and no cost are priced as batch ingestion prices them. The answer comes once
 * they are durable: an empty ExportTraceServiceResponse in the request's encoding, with
 * `partialSuccess` when spans were rejected; 400 for a body that is not OTLP, 413 for one
 * that inflates past the body limit or holds too many protobuf messages, 415 for another
 * content type or encoding, 429 with Retry-After when the trace queue is full.
 *
 * Errors come in Langfuse's `{message, error}` JSON whatever the request's encoding, not
 * as the google.rpc.Status OTLP suggests; exporters act on the status code alone. Spans
 * are read through the Langfuse SDKs' attributes and the GenAI conventions only (see
 * src/tracing/otlp); the attributes of other instrumentations land in metadata.
 */
export function registerOtelTracesRoute(app: FastifyInstance, services: AppServices): void {
  app.register(async (scope) => {
    // The app parses every body as JSON; OTLP bodies are bytes, decoded by the route.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

    scope.post('/api/public/otel/v1/traces', async (request, reply) => {
      const { format, spans } = await decodeOtlpBody({
        body: Buffer.isBuffer(request.body) ? request.body : undefined,
        contentType: request.headers['content-type'],
        contentEncoding: request.headers['content-encoding'],
        maxBytes: services.config.server.bodyLimitBytes,
      });
      const { projectId } = request.caller;
      const writes = otlpToTraceWrites(spans, projectId);
      const priced = await priceWrites(writes, projectId, services.db, { clock: services.clock });
      await writeDurably(services.traceWriter, priced);

      const accepted = spans.groups.reduce((count, group) => count + group.spans.length, 0);
      request.logFields.spans = accepted;
      request.logFields.rejectedSpans = spans.rejectedSpans;
      const response = encodeOtlpResponse(format, partialSuccessOf(spans));
      return reply.header('content-type', response.contentType).send(response.body);
    });
  });
}
