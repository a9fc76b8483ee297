import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-visibility-master';

describe('GET /health and /model/info', () => {
  let sereno: TestSereno;

  beforeAll(async () => {
    sereno = await startSereno(
      `
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: "http://admin:hunter2pass@127.0.0.1:9/v1?token=URLTOKENSECRET"
      api_key: sk-deployment-key-0123
general_settings:
  master_key: ${masterKey}
`,
      {},
      { initProject: { name: 'app', publicKey: 'pk-app', secretKey: 'sk-app-secret-0001' } },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  it('should show deployments without keys or credentials written into their address', async () => {
    const response = await fetch(`${sereno.url}/model/info`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('http://127.0.0.1:9/v1');
    for (const secret of ['hunter2pass', 'URLTOKENSECRET', 'sk-deployment-key-0123']) {
      expect(text).not.toContain(secret);
    }
  });

  it.each(['/health', '/model/info'])('should refuse %s to a project key', async (path) => {
    const response = await fetch(`${sereno.url}${path}`, {
      headers: { authorization: 'Bearer sk-app-secret-0001' },
    });
    expect(response.status).toBe(403);
  });
});
