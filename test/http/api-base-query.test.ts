import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

describe('an api_base that carries a query', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(`
model_list:
  - model_name: proxied
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: "${upstream.baseUrl}?token=proxy-token-0001&region=eu"
      api_key: sk-proxied-key-0001
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  it('should send the query after the path, on every call', async () => {
    for (const stream of [false, true]) {
      const response = await fetch(`${sereno.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'proxied',
          messages: [{ role: 'user', content: 'hi' }],
          stream,
        }),
      });
      await response.text();
      expect(response.status).toBe(200);
    }
    expect(upstream.requests.map((request) => request.path)).toEqual([
      '/v1/chat/completions?token=proxy-token-0001&region=eu',
      '/v1/chat/completions?token=proxy-token-0001&region=eu',
    ]);
  });
});
