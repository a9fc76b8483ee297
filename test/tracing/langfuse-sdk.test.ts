import { Langfuse } from 'langfuse';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiCompletion,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';
import { basicAuth, readTrace, type ObservationView, type TraceView } from './ingestion-batches.js';

const keys = { name: 'shop', publicKey: 'pk-lf-shop', secretKey: 'sk-lf-shop-secret-42' };
const auth = basicAuth(keys.publicKey, keys.secretKey);

function at(offsetMs: number): Date {
  return new Date(Date.parse('2026-05-04T09:00:00.000Z') + offsetMs);
}

function byName(trace: TraceView, name: string): ObservationView {
  const found = trace.observations.find((observation) => observation.name === name);
  if (!found) throw new Error(`No observation named ${name}`);
  return found;
}

describe('the langfuse 3.x client against Sereno', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let langfuse: Langfuse;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(
      `
model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-upstream-key-0123456789
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
general_settings:
  master_key: sk-sdk-master
`,
      {},
      { initProject: keys },
    );
    langfuse = new Langfuse({
      publicKey: keys.publicKey,
      secretKey: keys.secretKey,
      baseUrl: sereno.url,
      flushAt: 1000,
      fetchRetryCount: 0,
    });
  });

  afterAll(async () => {
    await langfuse?.shutdownAsync();
    await sereno?.stop();
    await upstream?.close();
  });

  it('should read back a trace with its spans, generations, events, scores, timings and costs', async () => {
    const trace = langfuse.trace({
      name: 'support-chat',
      timestamp: at(0),
      userId: 'user-7',
      sessionId: 'session-7',
      input: { question: 'Where is my order?' },
      tags: ['beta'],
      metadata: { channel: 'web' },
      release: 'r-12',
      version: 'v3',
    });
    const span = trace.span({ name: 'retrieve', startTime: at(10), input: { query: 'order' } });
    const generation = span.generation({
      name: 'answer',
      model: 'gpt-4o',
      startTime: at(20),
      completionStartTime: at(120),
      modelParameters: { temperature: 0.2 },
      input: [{ role: 'user', content: 'Where is my order?' }],
    });
    span.event({ name: 'cache-miss', startTime: at(15), level: 'WARNING' });
    // end() stamps the time itself; update() sends the one given.
    generation.update({
      endTime: at(900),
      output: { role: 'assistant', content: 'It ships today.' },
      usage: { input: 1200, output: 300 },
    });
    span.update({ endTime: at(950), output: { documents: 2 } });
    trace.update({ output: 'It ships today.' });
    trace.score({ name: 'helpfulness', value: 0.9, comment: 'clear' });
    generation.score({ name: 'grounded', value: 1, dataType: 'BOOLEAN' });
    await langfuse.flushAsync();

    const { data: read } = await langfuse.fetchTrace(trace.id);
    const view = read as unknown as TraceView;
    const answer = byName(view, 'answer');

    expect(view).toMatchObject({
      id: trace.id,
      name: 'support-chat',
      timestamp: '2026-05-04T09:00:00.000Z',
      userId: 'user-7',
      sessionId: 'session-7',
      input: { question: 'Where is my order?' },
      output: 'It ships today.',
      tags: ['beta'],
      metadata: { channel: 'web' },
      release: 'r-12',
      version: 'v3',
    });
    expect(byName(view, 'retrieve')).toMatchObject({
      type: 'SPAN',
      parentObservationId: null,
      startTime: '2026-05-04T09:00:00.010Z',
      endTime: '2026-05-04T09:00:00.950Z',
      output: { documents: 2 },
    });
    expect(byName(view, 'cache-miss')).toMatchObject({
      type: 'EVENT',
      parentObservationId: byName(view, 'retrieve').id,
      level: 'WARNING',
    });
    expect(answer).toMatchObject({
      type: 'GENERATION',
      parentObservationId: byName(view, 'retrieve').id,
      model: 'gpt-4o',
      modelParameters: { temperature: 0.2 },
      startTime: '2026-05-04T09:00:00.020Z',
      completionStartTime: '2026-05-04T09:00:00.120Z',
      endTime: '2026-05-04T09:00:00.900Z',
      output: { role: 'assistant', content: 'It ships today.' },
      usageDetails: { input: 1200, output: 300, total: 1500 },
    });
    // gpt-4o from the bundled table: 1,200 × $0.0000025 + 300 × $0.00001 = $0.003 + $0.003
    expect(answer.calculatedTotalCost).toBeCloseTo(0.006, 12);
    expect(view.totalCost).toBeCloseTo(0.006, 12);
    expect(
      view.scores.map(({ name, value, dataType, observationId }) => ({
        name,
        value,
        dataType,
        observationId,
      })),
    ).toEqual(
      expect.arrayContaining([
        { name: 'helpfulness', value: 0.9, dataType: 'NUMERIC', observationId: null },
        { name: 'grounded', value: 1, dataType: 'BOOLEAN', observationId: answer.id },
      ]),
    );
  });

  it('should read every usage shape the SDK sends and price each by model name', async () => {
    const trace = langfuse.trace({ name: 'usage-shapes' });
    trace.generation({
      name: 'camel',
      model: 'GPT-4o',
      usage: { promptTokens: 100, completionTokens: 20 },
    });
    trace.generation({
      name: 'openai',
      model: 'gpt-4o',
      usageDetails: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 40 },
      },
    });
    trace.generation({
      name: 'sent-cost',
      model: 'gpt-4o',
      usage: { input: 10, output: 10, inputCost: 1, outputCost: 2 },
    });
    await langfuse.flushAsync();

    const { trace: view } = await readTrace(sereno.url, auth, trace.id);

    // 100 × $0.0000025 + 20 × $0.00001 = $0.00025 + $0.0002
    expect(byName(view, 'camel').calculatedTotalCost).toBeCloseTo(0.00045, 12);
    expect(byName(view, 'openai').usageDetails).toEqual({
      input: 60,
      input_cache_read: 40,
      output: 20,
      total: 120,
    });
    // 60 × $0.0000025 + 40 × $0.00000125 + 20 × $0.00001 = $0.00015 + $0.00005 + $0.0002
    expect(byName(view, 'openai').calculatedTotalCost).toBeCloseTo(0.0004, 12);
    expect(byName(view, 'sent-cost').costDetails).toEqual({ input: 1, output: 2, total: 3 });
  });

  it('should price by the project’s own model price first, and count tokens when none were sent', async () => {
    const created = await fetch(`${sereno.url}/api/public/models`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        modelName: 'shop-finetune',
        matchPattern: '(?i)^shop-finetune$',
        unit: 'TOKENS',
        inputPrice: 0.001,
        outputPrice: 0.002,
      }),
    });
    expect(created.status).toBe(200);
    const trace = langfuse.trace({ name: 'own-prices' });
    trace.generation({ name: 'tuned', model: 'Shop-Finetune', usage: { input: 10, output: 5 } });
    const counted = trace.generation({ name: 'counted', model: 'gpt-4o', input: 'hello world' });
    counted.end({ output: 'hi there' });
    await langfuse.flushAsync();

    const { trace: view } = await readTrace(sereno.url, auth, trace.id);

    // 10 × $0.001 + 5 × $0.002 = $0.02
    expect(byName(view, 'tuned').calculatedTotalCost).toBeCloseTo(0.02, 12);
    // "hello world" and "hi there" are two tokens each in o200k
    expect(byName(view, 'counted')).toMatchObject({
      usageDetails: { input: 2, output: 2, total: 4 },
      metadata: { usageEstimated: true },
    });
    // 2 × $0.0000025 + 2 × $0.00001 = $0.000025
    expect(byName(view, 'counted').calculatedTotalCost).toBeCloseTo(0.000025, 12);
  });

  it('should nest a gateway call under the app’s span and leave the app’s trace fields alone', async () => {
    upstream.enqueue({
      kind: 'json',
      body: openAiCompletion({ content: 'Hello from upstream', usage: openAiUsage(12, 4) }),
    });
    const trace = langfuse.trace({ name: 'agent-run', input: 'plan a trip' });
    const span = trace.span({ name: 'plan' });
    await langfuse.flushAsync();
    const client = new OpenAI({
      baseURL: `${sereno.url}/v1`,
      apiKey: keys.secretKey,
      maxRetries: 0,
      defaultHeaders: {
        'x-sereno-trace-id': trace.id,
        'x-sereno-parent-observation-id': span.id,
      },
    });

    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    span.end();
    await langfuse.flushAsync();
    const { trace: view } = await readTrace(sereno.url, auth, trace.id);
    const gatewayCall = view.observations.find((o) => o.type === 'GENERATION');

    expect(response.headers.get('x-sereno-trace-id')).toBe(trace.id);
    expect(response.headers.get('x-request-id')).not.toBe(trace.id);
    expect(view).toMatchObject({ name: 'agent-run', input: 'plan a trip', output: null });
    expect(gatewayCall).toMatchObject({
      parentObservationId: span.id,
      model: 'gpt-4o-mini',
      output: expect.objectContaining({ content: 'Hello from upstream' }),
      usageDetails: { input: 12, output: 4, total: 16 },
    });
  });
});
