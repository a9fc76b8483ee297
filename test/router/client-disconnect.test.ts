import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiStreamFrames,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-disconnect-master';

describe('a client that leaves in the middle of a stream', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(`
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
general_settings:
  master_key: ${masterKey}
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  it('should abort the upstream at once and store the usage so far, priced', async () => {
    const pieces = Array.from({ length: 200 }, (_, index) => `word${index} `);
    upstream.enqueue({ kind: 'sse', frames: openAiStreamFrames({ pieces }), intervalMs: 20 });
    const controller = new AbortController();
    const response = await fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: 'talk' }],
        stream: true,
      }),
      signal: controller.signal,
    });
    const traceId = response.headers.get('x-request-id');
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes('word5 '))
      received += new TextDecoder().decode((await reader.read()).value);
    const leftAt = Date.now();
    controller.abort();

    await expect.poll(() => upstream.requests[0]?.closedAt, { timeout: 2000 }).toBeDefined();
    expect(upstream.requests[0]!.closedAt! - leftAt).toBeLessThan(200);

    let stored: TraceBody | undefined;
    await expect
      .poll(
        async () => {
          const reply = await fetch(`${sereno.url}/api/public/traces/${traceId}`, {
            headers: { authorization: `Bearer ${masterKey}` },
          });
          stored = reply.ok ? ((await reply.json()) as TraceBody) : undefined;
          return stored;
        },
        { timeout: 2000 },
      )
      .toBeDefined();
    const generation = stored!.observations[0]!;
    expect(generation.level).toBe('WARNING');
    expect(generation.output.content).toContain('word5 ');
    expect(generation.metadata.usageEstimated).toBe(true);
    expect(generation.usageDetails.output).toBeGreaterThan(5);
    expect(generation.calculatedTotalCost).toBeGreaterThan(0);
  });
});

interface TraceBody {
  observations: {
    level: string;
    output: { content: string };
    metadata: Record<string, unknown>;
    usageDetails: Record<string, number>;
    calculatedTotalCost: number;
  }[];
}
