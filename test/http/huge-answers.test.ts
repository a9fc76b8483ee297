import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFrame } from '../fake-upstreams/fake-server.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

/** A bit more than the 64 MB Sereno reads of one answer. */
const hugeText = 'x'.repeat(65 * 1024 * 1024);

describe('an upstream answer larger than Sereno reads', () => {
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
router_settings:
  num_retries: 0
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const call = (stream: boolean) =>
    fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream }),
    });

  it('should refuse a JSON answer past the limit with 502, not read it all', async () => {
    upstream.enqueue({
      kind: 'raw',
      headers: { 'content-type': 'application/json' },
      text: `{"choices":[{"message":{"content":"${hugeText}"}}]}`,
    });
    const response = await call(false);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'upstream_invalid_response',
    );
  });

  it('should end a stream past the limit with an error frame', async () => {
    const piece = 'y'.repeat(1024 * 1024);
    const chunk = (content: string) =>
      dataFrame({
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
      });
    upstream.enqueue({ kind: 'sse', frames: Array.from({ length: 70 }, () => chunk(piece)) });
    const response = await call(true);
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    expect(text.slice(-400), text.slice(-400)).toContain('upstream_invalid_response');
  });
});
