import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openAiCompletion,
  openAiError,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-reliability-master';

describe('serving through a flaky deployment', () => {
  let flaky: FakeOpenAi;
  let steady: FakeOpenAi;
  let backup: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    [flaky, steady, backup] = await Promise.all([
      startFakeOpenAi(),
      startFakeOpenAi(),
      startFakeOpenAi(),
    ]);
    let calls = 0;
    flaky.respondWith(() =>
      calls++ % 2 === 0
        ? openAiError(500, 'flaky', 'server_error')
        : { kind: 'json', body: openAiCompletion({ content: 'from flaky' }) },
    );
    const deployment = (name: string, upstream: FakeOpenAi) => `
  - model_name: ${name}
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}`;
    sereno = await startSereno(`
model_list:${deployment('chat', flaky)}${deployment('chat', steady)}${deployment('chat-backup', backup)}
router_settings:
  fallbacks: [{chat: [chat-backup]}]
  cooldown_time: 0.2
general_settings:
  master_key: ${masterKey}
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await Promise.all([flaky?.close(), steady?.close(), backup?.close()]);
  });

  it('should answer all of 1,000 requests through the openai client', async () => {
    const client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
    let failures = 0;
    const worker = async (count: number) => {
      for (let index = 0; index < count; index++) {
        await client.chat.completions
          .create({ model: 'chat', messages: [{ role: 'user', content: `request ${index}` }] })
          .catch(() => failures++);
      }
    };
    await Promise.all(Array.from({ length: 20 }, () => worker(50)));

    expect(failures).toBe(0);
    expect(flaky.requests.length).toBeGreaterThan(0);
    expect(
      flaky.requests.length + steady.requests.length + backup.requests.length,
    ).toBeGreaterThanOrEqual(1000);
  });
});
