import { gzipSync } from 'node:zlib';
import { LangfuseClient } from '@langfuse/client';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import {
  propagateAttributes,
  setLangfuseTracerProvider,
  startObservation,
} from '@langfuse/tracing';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { protobufWithEmptyAttributes } from '../../src/tracing/otlp/__fixtures__/otlp-requests.js';
import { TraceQueueFullError } from '../../src/tracing/trace-writer.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-otel-master-key';
const publicKey = 'pk-lf-otel';
const secretKey = 'sk-lf-otel-secret';
const basic = `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;

const t0 = Date.parse('2025-06-01T10:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms);
const iso = (ms: number) => at(ms).toISOString();

interface TraceBody {
  id: string;
  name: string;
  timestamp: string;
  latency: number;
  totalCost: number;
  observations: {
    id: string;
    name: string;
    type: string;
    parentObservationId: string | null;
    startTime: string;
    endTime: string | null;
    usageDetails: Record<string, number>;
    costDetails: Record<string, number>;
    calculatedTotalCost: number;
    [field: string]: unknown;
  }[];
  [field: string]: unknown;
}

/** A JSON export request of one span; tests change the span's fields. */
function jsonRequest(spans: Record<string, unknown>[]) {
  return { resourceSpans: [{ scopeSpans: [{ scope: { name: 'raw-client' }, spans }] }] };
}

function rawSpan(traceId: string, overrides: Record<string, unknown> = {}) {
  return {
    traceId,
    spanId: '1000000000000001',
    name: 'raw work',
    startTimeUnixNano: `${t0}000000`,
    endTimeUnixNano: `${t0 + 250}000000`,
    attributes: [{ key: 'gen_ai.request.model', value: { stringValue: 'my-own-model' } }],
    ...overrides,
  };
}

describe('OTLP trace ingestion', () => {
  let sereno: TestSereno;
  let langfuse: LangfuseClient;

  beforeAll(async () => {
    sereno = await startSereno(
      `general_settings:\n  master_key: ${masterKey}\n`,
      {},
      { initProject: { name: 'main', publicKey, secretKey } },
    );
    langfuse = new LangfuseClient({ publicKey, secretKey, baseUrl: sereno.url });
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  const readTrace = async (traceId: string) =>
    (await langfuse.api.trace.get(traceId)) as unknown as TraceBody;

  const post = (body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${sereno.url}/api/public/otel/v1/traces`, {
      method: 'POST',
      headers: { authorization: basic, ...headers },
      body,
    });

  const postJson = (request: unknown, headers: Record<string, string> = {}) =>
    post(JSON.stringify(request), { 'content-type': 'application/json', ...headers });

  describe('an app instrumented with the Langfuse SDK', () => {
    let provider: NodeTracerProvider;
    let traceId: string;

    beforeAll(async () => {
      const processor = new LangfuseSpanProcessor({
        publicKey,
        secretKey,
        baseUrl: sereno.url,
        environment: 'staging',
        release: 'release-7',
      });
      provider = new NodeTracerProvider({ spanProcessors: [processor] });
      provider.register();
      setLangfuseTracerProvider(provider);
      traceId = await recordQuestionTrace();
      await provider.forceFlush();
    });

    afterAll(async () => {
      setLangfuseTracerProvider(null);
      await provider?.shutdown();
    });

    /** A root span, a retrieval span with a tool inside, and a generation with usage. */
    async function recordQuestionTrace(): Promise<string> {
      const root = startObservation(
        'handle-question',
        { input: { question: 'What is OTLP?' }, metadata: { region: 'eu', limits: { max: 3 } } },
        { startTime: at(0) },
      );
      const parentSpanContext = root.otelSpan.spanContext();
      const attributes = {
        userId: 'user-42',
        sessionId: 'session-7',
        traceName: 'qa-pipeline',
        tags: ['otel', 'sdk'],
        metadata: { tier: 'gold' },
      };
      await context.with(trace.setSpan(context.active(), root.otelSpan), () =>
        propagateAttributes(attributes, async () => {
          const retrieval = startObservation(
            'retrieve-documents',
            { input: { query: 'OTLP' } },
            { startTime: at(100), parentSpanContext },
          );
          const search = startObservation(
            'vector-search',
            { input: 'OTLP' },
            {
              asType: 'tool',
              startTime: at(120),
              parentSpanContext: retrieval.otelSpan.spanContext(),
            },
          );
          search.update({ output: ['doc-1', 'doc-2'] }).end(at(300));
          retrieval.update({ output: { documents: 2 } }).end(at(350));
          const generation = startObservation(
            'answer',
            {
              model: 'gpt-4o-mini',
              modelParameters: { temperature: 0.2, max_tokens: 256 },
              input: [{ role: 'user', content: 'What is OTLP?' }],
              prompt: { name: 'qa-prompt', version: 3, isFallback: false },
            },
            { asType: 'generation', startTime: at(400), parentSpanContext },
          );
          generation
            .update({
              output: { role: 'assistant', content: 'A protocol.' },
              usageDetails: { input: 1000, output: 200 },
              completionStartTime: at(650),
            })
            .end(at(1400));
        }),
      );
      root.update({ output: { answer: 'A protocol.' } }).end(at(1500));
      return root.traceId;
    }

    it('should store the trace with the fields the SDK set', async () => {
      const stored = await readTrace(traceId);
      expect(stored).toMatchObject({
        id: traceId,
        name: 'qa-pipeline',
        timestamp: iso(0),
        userId: 'user-42',
        sessionId: 'session-7',
        tags: ['otel', 'sdk'],
        metadata: { tier: 'gold' },
        environment: 'staging',
        release: 'release-7',
        input: { question: 'What is OTLP?' },
        output: { answer: 'A protocol.' },
        latency: 1.5,
      });
    });

    it('should nest the observations as the spans were nested, with their timings', async () => {
      const stored = await readTrace(traceId);
      const byName = Object.fromEntries(stored.observations.map((o) => [o.name, o]));
      const shape = stored.observations.map((o) => ({
        name: o.name,
        type: o.type,
        parent:
          o.parentObservationId &&
          stored.observations.find((p) => p.id === o.parentObservationId)?.name,
        startTime: o.startTime,
        endTime: o.endTime,
      }));
      expect(shape).toEqual([
        {
          name: 'handle-question',
          type: 'SPAN',
          parent: null,
          startTime: iso(0),
          endTime: iso(1500),
        },
        {
          name: 'retrieve-documents',
          type: 'SPAN',
          parent: 'handle-question',
          startTime: iso(100),
          endTime: iso(350),
        },
        {
          name: 'vector-search',
          type: 'TOOL',
          parent: 'retrieve-documents',
          startTime: iso(120),
          endTime: iso(300),
        },
        {
          name: 'answer',
          type: 'GENERATION',
          parent: 'handle-question',
          startTime: iso(400),
          endTime: iso(1400),
        },
      ]);
      expect(byName['handle-question']).toMatchObject({
        input: { question: 'What is OTLP?' },
        metadata: { region: 'eu', limits: { max: 3 } },
        environment: 'staging',
      });
      expect(byName['vector-search']).toMatchObject({ input: 'OTLP', output: ['doc-1', 'doc-2'] });
    });

    it('should store the generation with its model, usage, prompt and computed cost', async () => {
      const stored = await readTrace(traceId);
      const generation = stored.observations.find((o) => o.type === 'GENERATION');
      expect(generation).toMatchObject({
        model: 'gpt-4o-mini',
        modelParameters: { temperature: 0.2, max_tokens: 256 },
        input: [{ role: 'user', content: 'What is OTLP?' }],
        output: { role: 'assistant', content: 'A protocol.' },
        usageDetails: { input: 1000, output: 200, total: 1200 },
        completionStartTime: iso(650),
        timeToFirstToken: 0.25,
        latency: 1,
        promptName: 'qa-prompt',
        promptVersion: 3,
      });
      // gpt-4o-mini: 1,000 × $0.15/M + 200 × $0.60/M = $0.00015 + $0.00012 = $0.00027.
      expect(generation?.calculatedTotalCost).toBeCloseTo(0.00027, 10);
      expect(stored.totalCost).toBeCloseTo(0.00027, 10);
    });
  });

  describe('a plain OpenTelemetry app sending gen_ai spans', () => {
    type ExporterOptions = NonNullable<ConstructorParameters<typeof ProtobufExporter>[0]>;
    const url = () => `${sereno.url}/api/public/otel/v1/traces`;
    const headers = { Authorization: basic };

    /** Records a request span with a chat call and a failing tool call inside. */
    function recordChatSpans(): ReadableSpan[] {
      const memory = new InMemorySpanExporter();
      const provider = new NodeTracerProvider({
        spanProcessors: [new SimpleSpanProcessor(memory)],
      });
      const tracer = provider.getTracer('shop-backend', '2.0.0');
      const root = tracer.startSpan('POST /chat', { kind: SpanKind.SERVER, startTime: at(0) });
      const parent = trace.setSpan(context.active(), root);
      const chat = tracer.startSpan(
        'chat gpt-4o-mini',
        {
          kind: SpanKind.CLIENT,
          startTime: at(50),
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'gpt-4o-mini',
            'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
            'gen_ai.request.temperature': 0.2,
            'gen_ai.request.max_tokens': 256,
            'gen_ai.usage.input_tokens': 1000,
            'gen_ai.usage.cache_read.input_tokens': 400,
            'gen_ai.usage.output_tokens': 200,
            'gen_ai.input.messages': JSON.stringify([
              { role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] },
            ]),
            'gen_ai.output.messages': JSON.stringify([
              { role: 'assistant', parts: [{ type: 'text', content: 'Let me look.' }] },
            ]),
          },
        },
        parent,
      );
      chat.end(at(900));
      const tool = tracer.startSpan(
        'execute_tool lookup_order',
        {
          startTime: at(950),
          attributes: {
            'gen_ai.operation.name': 'execute_tool',
            'gen_ai.tool.name': 'lookup_order',
          },
        },
        parent,
      );
      tool.recordException(new Error('order service down'));
      tool.setStatus({ code: SpanStatusCode.ERROR, message: 'order service down' });
      tool.end(at(1000));
      root.end(at(1100));
      return memory.getFinishedSpans();
    }

    function exportSpans(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
      return new Promise((resolve) => exporter.export(spans, resolve));
    }

    it.each([
      [
        'protobuf, gzip',
        () =>
          new ProtobufExporter({
            url: url(),
            headers,
            compression: 'gzip' as ExporterOptions['compression'],
          }),
      ],
      ['protobuf', () => new ProtobufExporter({ url: url(), headers })],
      ['JSON', () => new JsonExporter({ url: url(), headers })],
    ])('should store the spans an OTLP exporter sends as %s', async (_format, makeExporter) => {
      const spans = recordChatSpans();
      const exporter = makeExporter();
      const result = await exportSpans(exporter, spans);
      await exporter.shutdown();
      expect(result.code).toBe(ExportResultCode.SUCCESS);

      const stored = await readTrace(spans[0]!.spanContext().traceId);
      expect(stored).toMatchObject({ name: 'POST /chat', timestamp: iso(0), latency: 1.1 });
      const [request, chat, tool] = stored.observations;
      expect(request).toMatchObject({
        type: 'SPAN',
        parentObservationId: null,
        endTime: iso(1100),
      });
      expect(chat).toMatchObject({
        type: 'GENERATION',
        parentObservationId: request?.id,
        startTime: iso(50),
        endTime: iso(900),
        model: 'gpt-4o-mini-2024-07-18',
        modelParameters: { temperature: 0.2, max_tokens: 256 },
        usageDetails: { input: 600, input_cache_read: 400, output: 200, total: 1200 },
        input: [{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Let me look.' }] }],
        metadata: { attributes: { 'gen_ai.provider.name': 'openai' } },
      });
      // 600 × $0.15/M + 400 cache reads × $0.075/M + 200 × $0.60/M
      // = $0.00009 + $0.00003 + $0.00012 = $0.00024.
      expect(chat?.calculatedTotalCost).toBeCloseTo(0.00024, 10);
      expect(tool).toMatchObject({
        type: 'TOOL',
        level: 'ERROR',
        statusMessage: 'order service down',
        parentObservationId: request?.id,
      });
    });
  });

  describe('OTLP/HTTP answers', () => {
    const traceId = '5b8efff798038103d269b633813fc60c';

    it('should answer a gzip JSON body with {} once its spans are stored', async () => {
      const body = gzipSync(JSON.stringify(jsonRequest([rawSpan(traceId)])));
      const response = await post(body, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({});
      const stored = await readTrace(traceId);
      expect(stored.observations[0]).toMatchObject({ name: 'raw work', model: 'my-own-model' });
    });

    it('should keep the good spans and count the rejected ones as a partial success', async () => {
      const good = rawSpan('6b8efff798038103d269b633813fc60c');
      const bad = rawSpan('0'.repeat(32), { spanId: '2000000000000002' });
      const response = await postJson(jsonRequest([good, bad]));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        partialSuccess: {
          rejectedSpans: 1,
          errorMessage:
            '1 span(s) rejected: ' +
            'resourceSpans[0].scopeSpans[0].spans[1]: the trace id is all zeroes',
        },
      });
      expect((await readTrace('6b8efff798038103d269b633813fc60c')).observations).toHaveLength(1);
    });

    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const tinyMessages = protobufWithEmptyAttributes(2_000_000);
    const protobuf = { 'content-type': 'application/x-protobuf' };
    const json = { 'content-type': 'application/json' };
    const gzipProtobuf = { ...protobuf, 'content-encoding': 'gzip' };

    it.each([
      ['text sent as protobuf', 'not protobuf at all', protobuf, 400, 'invalid_request'],
      ['text sent as JSON', 'not json', json, 400, 'invalid_json'],
      ['JSON that is not OTLP', '["spans"]', json, 400, 'invalid_request'],
      ['a JSON body cut short', '{"resourceSpans":[{"scopeSp', json, 400, 'invalid_json'],
      [
        'a protobuf body cut short',
        Buffer.from('0a8a010a1d0a1a0a0c736572', 'hex'),
        protobuf,
        400,
        'invalid_request',
      ],
      ['gzip that is not gzip', 'plain', gzipProtobuf, 400, 'invalid_request'],
      ['a zip bomb', bomb, gzipProtobuf, 413, 'body_too_large'],
      [
        'a protobuf body of two million empty attributes',
        tinyMessages,
        protobuf,
        413,
        'body_too_large',
      ],
      ['another content type', 'x', { 'content-type': 'text/plain' }, 415, 'invalid_request'],
      ['no content type', Buffer.from('x'), {}, 415, 'invalid_request'],
    ])(
      'should answer %s with its error and keep serving',
      async (_name, body, headers, status, code) => {
        const response = await post(body, headers);
        expect(response.status).toBe(status);
        expect(await response.json()).toMatchObject({ error: code, message: expect.any(String) });

        const next = await postJson(jsonRequest([rawSpan('7b8efff798038103d269b633813fc60c')]));
        expect(next.status).toBe(200);
      },
    );

    it.each([
      ['no key', {}],
      [
        'a wrong secret',
        { authorization: `Basic ${Buffer.from(`${publicKey}:nope`).toString('base64')}` },
      ],
    ])('should refuse a request with %s with 401', async (_name, headers) => {
      const response = await fetch(`${sereno.url}/api/public/otel/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(jsonRequest([rawSpan('8b8efff798038103d269b633813fc60c')])),
      });
      expect(response.status).toBe(401);
    });

    it('should leave the JSON body parser of the other routes as it was', async () => {
      const response = await fetch(`${sereno.url}/api/public/ingestion`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: 'not json',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_json' });
    });

    it('should answer GET with 405 and the method it takes', async () => {
      const response = await fetch(`${sereno.url}/api/public/otel/v1/traces`, {
        headers: { authorization: basic },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });

    it('should answer 429 with Retry-After when the trace queue is full', async () => {
      const write = vi
        .spyOn(sereno.services.traceWriter, 'write')
        .mockRejectedValueOnce(new TraceQueueFullError());
      const response = await postJson(jsonRequest([rawSpan('9b8efff798038103d269b633813fc60c')]));
      write.mockRestore();
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({ error: 'trace_queue_full' });
    });
  });
});
