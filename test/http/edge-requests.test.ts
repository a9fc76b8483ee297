import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiError, startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

describe('requests at the edge of HTTP', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  const logs: string[] = [];

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(
      `
model_list:
  - model_name: "50%off"
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
general_settings:
  master_key: sk-1234
`,
      {},
      { logLevel: 'info', logDestination: { write: (line: string) => logs.push(line) } },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const auth = { authorization: 'Bearer sk-1234' };

  it('should answer a URL it cannot decode in OpenAI’s envelope', async () => {
    const response = await fetch(`${sereno.url}/v1/%zz`, { headers: auth });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_request',
    );
  });

  it('should find a model whose name holds a percent sign', async () => {
    const response = await fetch(`${sereno.url}/v1/models/50%25off`, { headers: auth });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe('50%off');
  });

  it('should answer a request that is not HTTP with a JSON 400', async () => {
    const address = new URL(sereno.url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(address.port), address.hostname, () =>
        socket.write('NOT HTTP\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(reply).toContain('"code":"invalid_request"');
  });

  it('should not quote the body of invalid JSON in its error or log', async () => {
    const response = await fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"model": "x", "secret-ish": "do-not-echo-me" oops',
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toContain('do-not-echo-me');
    expect(logs.join('\n')).not.toContain('do-not-echo-me');
  });

  it('should scrub a short master key such as sk-1234 when an upstream echoes it', async () => {
    upstream.enqueue(
      openAiError(
        400,
        'Your request carried the key sk-1234, which is odd',
        'invalid_request_error',
      ),
    );
    const response = await fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ model: '50%off', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('sk-1234');
    expect(logs.join('\n')).not.toContain('sk-1234');
  });
});
