import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiCompletion,
  openAiStreamFrames,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';
import { basicAuth, event, postBatch, readTrace } from './ingestion-batches.js';

const keys = { name: 'join', publicKey: 'pk-lf-join', secretKey: 'sk-lf-join-secret-3' };
const auth = basicAuth(keys.publicKey, keys.secretKey);

describe('gateway calls joined to the caller’s trace', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(
      `
model_list:
  - model_name: fast
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-upstream-key-0123456789
general_settings:
  master_key: sk-join-master
`,
      {},
      { initProject: keys },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys.secretKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hi' }], ...body }),
    });

  it('should keep a call its own trace, named by the gateway, when no trace is named', async () => {
    upstream.enqueue({ kind: 'json', body: openAiCompletion({ content: 'alone' }) });

    const response = await chat({ user: 'end-user-1' });
    const traceId = response.headers.get('x-sereno-trace-id') ?? '';
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(traceId).toBe(response.headers.get('x-request-id'));
    expect(trace).toMatchObject({ name: 'chat.completions', userId: 'end-user-1' });
    expect(trace.input).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('should put a streamed call under the named trace and answer its id in the stream’s headers', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    upstream.enqueue({
      kind: 'sse',
      frames: openAiStreamFrames({ pieces: ['a', 'b'], usage: openAiUsage(3, 2) }),
    });

    const response = await chat(
      { stream: true, stream_options: { include_usage: true } },
      {
        'x-sereno-trace-id': traceId.toUpperCase(),
        'x-sereno-parent-observation-id': '00f067aa0ba902b7',
        'x-sereno-session-id': 'session-1',
        'x-sereno-tags': 'agent,beta',
        'x-sereno-trace-metadata': '{"tenant":"acme"}',
        'x-sereno-environment': 'staging',
      },
    );
    await response.text();
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(response.headers.get('x-sereno-trace-id')).toBe(traceId);
    expect(trace).toMatchObject({
      name: null,
      input: null,
      output: null,
      sessionId: 'session-1',
      tags: ['agent', 'beta'],
      metadata: { tenant: 'acme' },
      environment: 'staging',
    });
    expect(trace.observations).toMatchObject([
      { type: 'GENERATION', parentObservationId: '00f067aa0ba902b7', output: expect.anything() },
    ]);
  });

  it('should not overwrite the name, input and output of a trace the app wrote', async () => {
    const traceId = randomUUID();
    await postBatch(sereno.url, auth, {
      batch: [event('trace-create', { id: traceId, name: 'app-trace', input: 'q', output: 'a' })],
    });
    upstream.enqueue({ kind: 'json', body: openAiCompletion({ content: 'joined' }) });

    await chat({}, { 'x-sereno-trace-id': traceId, 'x-sereno-user-id': 'user-2' });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(trace).toMatchObject({ name: 'app-trace', input: 'q', output: 'a', userId: 'user-2' });
    expect(trace.observations).toHaveLength(1);
  });

  it('should read LiteLLM’s metadata: trace id, generation name and id, and custom fields', async () => {
    const traceId = `litellm-${randomUUID()}`;
    upstream.enqueue({ kind: 'json', body: openAiCompletion({ content: 'meta' }) });

    const response = await chat({
      metadata: {
        trace_id: traceId,
        trace_name: 'litellm-run',
        generation_name: 'summarise',
        generation_id: `gen-${traceId}`,
        trace_user_id: 'user-3',
        project: 'alpha',
      },
    });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(response.headers.get('x-sereno-trace-id')).toBe(traceId);
    expect(trace).toMatchObject({ name: 'litellm-run', userId: 'user-3', input: null });
    expect(trace.observations).toMatchObject([
      {
        id: `gen-${traceId}`,
        name: 'summarise',
        metadata: expect.objectContaining({ project: 'alpha' }),
      },
    ]);
  });

  it('should write input and output on an existing trace only as update_trace_keys asks', async () => {
    const traceId = randomUUID();
    upstream.enqueue({ kind: 'json', body: openAiCompletion({ content: 'the answer' }) });

    await chat({
      metadata: {
        existing_trace_id: traceId,
        trace_name: 'not applied',
        update_trace_keys: ['output'],
      },
    });
    const { trace } = await readTrace(sereno.url, auth, traceId);

    expect(trace).toMatchObject({ name: null, input: null });
    expect(trace.output).toMatchObject({ content: 'the answer' });
  });

  it('should refuse a trace header it cannot read with 400 naming it', async () => {
    const response = await chat({}, { 'x-sereno-trace-metadata': 'not json' });
    const body = (await response.json()) as { error: { param: string; code: string } };

    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({ param: 'x-sereno-trace-metadata', code: 'invalid_request' });
  });
});
