import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiError, startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-metrics-master';
const projectKeys = { publicKey: 'pk-lf-metrics', secretKey: 'sk-lf-metrics-secret-123' };
const inputPrice = 0.000001;
const outputPrice = 0.000002;

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

describe('GET /metrics', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let exposition: string;
  const usages: Usage[] = [];

  const chat = (model: string, extra: Record<string, unknown> = {}) =>
    fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }], ...extra }),
    });

  /** Reads a streamed answer to its end and returns the usage of its closing chunk. */
  const streamedUsage = async (response: Response): Promise<Usage> => {
    const text = await response.text();
    const chunks = text
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)) as { usage?: Usage });
    return chunks.find((chunk) => chunk.usage)!.usage!;
  };

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(
      `
model_list:
  - model_name: primary
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
    model_info:
      id: primary-1
  - model_name: backup
    litellm_params:
      model: openai/gpt-4o
      api_base: ${upstream.baseUrl}
      input_cost_per_token: ${inputPrice}
      output_cost_per_token: ${outputPrice}
    model_info:
      id: backup-1
router_settings:
  num_retries: 0
  allowed_fails: 1
  cooldown_time: 300
  fallbacks:
    - primary: [backup]
general_settings:
  master_key: ${masterKey}
`,
      {},
      { initProject: { name: 'metrics', ...projectKeys } },
    );

    const plain = await chat('backup');
    usages.push(((await plain.json()) as { usage: Usage }).usage);
    const streamed = await chat('backup', {
      stream: true,
      stream_options: { include_usage: true },
    });
    usages.push(await streamedUsage(streamed));
    upstream.enqueue(openAiError(500, 'The server had an error.', 'server_error'));
    const fellBack = await chat('primary');
    expect(fellBack.headers.get('x-sereno-fallbacks')).toBe('1');
    usages.push(((await fellBack.json()) as { usage: Usage }).usage);
    expect((await chat('no-such-model')).status).toBe(404);

    const basic = Buffer.from(`${projectKeys.publicKey}:${projectKeys.secretKey}`).toString(
      'base64',
    );
    const refused = await fetch(`${sereno.url}/metrics`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(refused.status).toBe(403);

    await sereno.services.traceWriter.flush();
    const response = await fetch(`${sereno.url}/metrics`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    exposition = await response.text();
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const value = (series: string): number | undefined => {
    const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it.each([
    ['sereno_requests_total{route="/v1/chat/completions",status="200",model="backup"}', 2],
    ['sereno_requests_total{route="/v1/chat/completions",status="200",model="primary"}', 1],
    ['sereno_requests_total{route="/v1/chat/completions",status="404",model="unknown"}', 1],
    ['sereno_requests_total{route="/metrics",status="403",model=""}', 1],
    ['sereno_errors_total{code="model_not_found"}', 1],
    ['sereno_errors_total{code="permission_denied"}', 1],
    ['sereno_attempts_total{model="primary",deployment="primary-1",outcome="failure"}', 1],
    ['sereno_attempts_total{model="backup",deployment="backup-1",outcome="success"}', 3],
    ['sereno_fallbacks_total{model="primary"}', 1],
    ['sereno_cooldowns_started_total{deployment="primary-1"}', 1],
    ['sereno_deployments_cooling', 1],
    ['sereno_request_duration_seconds_count{model="backup",deployment="backup-1"}', 3],
    ['sereno_time_to_first_token_seconds_count{model="backup",deployment="backup-1"}', 1],
    // Three calls of a trace each, with one generation per attempt, and the 404 with one.
    ['sereno_trace_writes_total', 2 + 2 + 3 + 2],
    ['sereno_trace_writes_refused_total', 0],
    ['sereno_trace_batches_failed_total', 0],
    ['sereno_trace_queue_depth', 0],
  ])('should expose %s as %d', (series, expected) => {
    expect(value(series)).toBe(expected);
  });

  it('should count the tokens the upstream reported and price them', () => {
    const input = usages.reduce((sum, usage) => sum + usage.prompt_tokens, 0);
    const output = usages.reduce((sum, usage) => sum + usage.completion_tokens, 0);
    const labels = 'model="backup",deployment="backup-1"';
    expect(input).toBeGreaterThan(0);
    expect(value(`sereno_tokens_total{${labels},type="input"}`)).toBe(input);
    expect(value(`sereno_tokens_total{${labels},type="output"}`)).toBe(output);
    expect(value(`sereno_tokens_total{${labels},type="cached"}`)).toBe(0);
    // Cost = input tokens x 0.000001 + output tokens x 0.000002, over the three calls.
    expect(value(`sereno_cost_usd_total{${labels}}`)).toBeCloseTo(
      input * inputPrice + output * outputPrice,
      12,
    );
  });

  it('should carry no trace id, request id or key in any label', () => {
    expect(exposition).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(exposition).not.toContain(masterKey);
    expect(exposition).not.toContain('no-such-model');
  });
});
