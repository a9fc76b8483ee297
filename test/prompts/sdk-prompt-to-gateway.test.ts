import { LangfuseClient } from '@langfuse/client';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import type { TestSereno } from '../helpers/start-sereno.js';
import { masterKey, projectKeys, startPromptSereno } from './prompt-http.js';

/**
 * The whole path with official clients: a prompt made and promoted with Langfuse's SDK,
 * named by a chat completion sent with OpenAI's, compiled upstream, linked in the trace.
 */
describe('a prompt made with the Langfuse SDK, used by the gateway', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let langfuse: LangfuseClient;
  let admin: LangfuseClient;
  let openai: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startPromptSereno(`
model_list:
  - model_name: support-model
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-fake`);
    langfuse = new LangfuseClient({ ...projectKeys, baseUrl: sereno.url });
    admin = new LangfuseClient({
      publicKey: 'pk-admin',
      secretKey: masterKey,
      baseUrl: sereno.url,
    });
    openai = new OpenAI({ baseURL: `${sereno.url}/v1`, apiKey: projectKeys.secretKey });
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  /** The request names the prompt and no model: the model comes from the prompt's config. */
  const ask = () =>
    openai.chat.completions
      .create({
        prompt: { name: 'sysprompt-base', variables: { company: 'Acme' } },
        messages: [{ role: 'user', content: 'Hello' }],
      } as unknown as ChatCompletionCreateParamsNonStreaming)
      .withResponse();

  const systemSent = () =>
    (upstream.requests.at(-1)?.body as { messages: { content: string }[] }).messages[0]?.content;

  it('should send the production version, link it in the trace, and follow production when it moves', async () => {
    for (const text of ['one', 'two', 'three']) {
      await langfuse.prompt.create({
        name: 'sysprompt-base',
        prompt: `Version ${text}: you help {{company}}.`,
        config: { model: 'support-model', temperature: 0.1 },
      });
    }
    await admin.prompt.update({ name: 'sysprompt-base', version: 2, newLabels: ['production'] });
    const fetched = await langfuse.prompt.get('sysprompt-base', { cacheTtlSeconds: 60 });
    expect(fetched.version).toBe(2);

    const { response } = await ask();
    const trace = await langfuse.api.trace.get(response.headers.get('x-request-id') ?? '');
    expect(systemSent()).toBe('Version two: you help Acme.');
    expect(trace.observations.map((o) => [o.promptName, o.promptVersion])).toEqual([
      ['sysprompt-base', 2],
    ]);

    await admin.prompt.update({ name: 'sysprompt-base', version: 3, newLabels: ['production'] });
    await ask();
    expect(systemSent()).toBe('Version three: you help Acme.');
  });
});
