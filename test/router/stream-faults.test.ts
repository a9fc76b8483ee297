import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fake-upstreams/fake-anthropic.js';
import { openAiStreamFrames, startFakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { postChat } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-stream-faults-master';
const asMaster = { authorization: `Bearer ${masterKey}` };
const overloadedFrames = readFileSync(
  new URL(
    '../../src/providers/anthropic/__fixtures__/error-before-content.chunks.txt',
    import.meta.url,
  ),
  'utf8',
)
  .split(/(?<=\n\n)/)
  .filter((frame) => frame.trim());

describe('streams through faults', () => {
  const started: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  async function setup(primaryParams: string, routerSettings = '') {
    const [claude, backup] = await Promise.all([startFakeAnthropic(), startFakeOpenAi()]);
    const sereno: TestSereno = await startSereno(`
model_list:
  - model_name: primary
    litellm_params:
      model: anthropic/claude-sonnet-4-5
      api_base: ${claude.baseUrl}
      api_key: sk-ant-fake-key-0123456789
      ${primaryParams}
  - model_name: backup
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${backup.baseUrl}
router_settings:
  fallbacks: [{primary: [backup]}]
  ${routerSettings}
general_settings:
  master_key: ${masterKey}
`);
    started.push(claude, backup, { close: () => sereno.stop() });
    const client = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: masterKey, maxRetries: 0 });
    return { claude, backup, sereno, client };
  }

  it('should answer from the fallback, showing nothing of an Anthropic stream that opens with overloaded_error', async () => {
    const { claude, backup, client } = await setup('');
    claude.enqueue({ kind: 'sse', frames: overloadedFrames });
    const stream = await client.chat.completions.create({
      model: 'primary',
      messages: [{ role: 'user', content: 'are you there' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello! You said: are you there');
    expect(chunks.every((chunk) => chunk.model.startsWith('gpt-4o-mini'))).toBe(true);
    expect([claude.requests.length, backup.requests.length]).toEqual([1, 1]);
  });

  it('should honour disable_fallbacks on a stream', async () => {
    const { claude, backup, sereno } = await setup('', 'num_retries: 0');
    claude.enqueue({ kind: 'sse', frames: overloadedFrames });
    const response = await postChat(
      sereno,
      {
        model: 'primary',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        disable_fallbacks: true,
      },
      asMaster,
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'upstream_overloaded',
    );
    expect([claude.requests.length, backup.requests.length]).toEqual([1, 0]);
  });

  it('should end a stream that falls silent mid-answer with an error frame, not [DONE]', async () => {
    const backupStream = openAiStreamFrames({ pieces: ['one ', 'two ', 'three '] });
    const { backup, sereno } = await setup('', 'stream_timeout: 0.3');
    backup.enqueue({ kind: 'sse', frames: backupStream, stallAfter: 3 });
    const response = await postChat(
      sereno,
      {
        model: 'backup',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      },
      asMaster,
    );
    const text = await response.text();
    expect(text).toContain('two ');
    expect(text).not.toContain('[DONE]');
    const last = JSON.parse(text.trim().split('\n\n').at(-1)!.slice('data: '.length)) as {
      error: { code: string };
    };
    expect(last.error.code).toBe('upstream_timeout');
  });

  it('should let a stream that keeps flowing run past the request deadline', async () => {
    const pieces = Array.from({ length: 30 }, (_, index) => `p${index} `);
    const { backup, sereno } = await setup('', 'timeout: 1');
    backup.enqueue({ kind: 'sse', frames: openAiStreamFrames({ pieces }), intervalMs: 60 });
    const response = await postChat(
      sereno,
      {
        model: 'backup',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      },
      asMaster,
    );
    const text = await response.text();
    expect(text).toContain('p29 ');
    expect(text).toContain('data: [DONE]');
  });

  it('should still bound the wait for the first token by the request deadline', async () => {
    const { backup, sereno } = await setup('', 'timeout: 1\n  num_retries: 0');
    backup.enqueue({ kind: 'hang' });
    const started = Date.now();
    const response = await postChat(
      sereno,
      {
        model: 'backup',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      },
      asMaster,
    );
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
