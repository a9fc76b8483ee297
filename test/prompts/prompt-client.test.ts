import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPromptClient,
  MissingPromptInputsError,
  PromptApiError,
} from '../../src/prompts/client/index.js';
import type { TestSereno } from '../helpers/start-sereno.js';
import {
  masterAuth,
  projectKeys,
  promptApi,
  startPromptSereno,
  type PromptApi,
} from './prompt-http.js';

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the client helper', () => {
  let sereno: TestSereno;
  let api: PromptApi;
  let statuses: number[];
  let now: number;

  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const client = () =>
    createPromptClient({
      baseUrl: sereno.url,
      ...projectKeys,
      fetch: countingFetch,
      now: () => now,
    });

  beforeAll(async () => {
    sereno = await startPromptSereno();
    api = promptApi(sereno);
    await api.create(
      { name: 'helper/text', prompt: 'Hi {{name}}, from {{company}}.', labels: ['production'] },
      masterAuth,
    );
    await api.create({
      name: 'helper/chat',
      type: 'chat',
      prompt: [
        { role: 'system', content: 'Help {{name}}.' },
        { type: 'placeholder', name: 'history' },
      ],
      labels: ['staging'],
    });
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  it('should fetch and compile a text prompt, naming every missing variable', async () => {
    statuses = [];
    now = 0;
    const prompt = await client().getPrompt('helper/text', { type: 'text' });

    expect(prompt.compile({ name: 'Ada', company: 'Acme' })).toBe('Hi Ada, from Acme.');
    expect(() => prompt.compile({})).toThrow(MissingPromptInputsError);
    expect(() => prompt.compile({})).toThrow('variables name, company');
    expect(prompt.compile({ name: 'Ada' }, { onMissing: 'keep' })).toBe(
      'Hi Ada, from {{company}}.',
    );
  });

  it('should compile a chat prompt with its placeholders', async () => {
    const prompt = await client().getPrompt('helper/chat', { label: 'staging', type: 'chat' });

    expect(prompt.compile({ name: 'Ada' }, { placeholders: { history: [] } })).toEqual([
      { role: 'system', content: 'Help Ada.' },
    ]);
    expect(prompt.compile({ name: 'Ada' }, { onMissing: 'keep' })).toEqual([
      { role: 'system', content: 'Help Ada.' },
      { type: 'placeholder', name: 'history' },
    ]);
  });

  it('should serve from memory within the TTL, then serve stale while it revalidates with the ETag', async () => {
    statuses = [];
    now = 0;
    const helper = client();
    await helper.getPrompt('helper/chat', { label: 'staging', cacheTtlSeconds: 60 });
    await helper.getPrompt('helper/chat', { label: 'staging', cacheTtlSeconds: 60 });
    expect(statuses).toEqual([200]);

    now = 61_000;
    await helper.getPrompt('helper/chat', { label: 'staging', cacheTtlSeconds: 60 });
    await vi.waitFor(() => expect(statuses).toEqual([200, 304]));

    await api.create({
      name: 'helper/chat',
      type: 'chat',
      prompt: [{ role: 'system', content: 'Changed.' }],
      labels: ['staging'],
    });
    now = 122_000;
    const stale = await helper.getPrompt('helper/chat', { label: 'staging', cacheTtlSeconds: 60 });
    await vi.waitFor(() => expect(statuses).toEqual([200, 304, 200]));
    const fresh = await helper.getPrompt('helper/chat', { label: 'staging', cacheTtlSeconds: 60 });

    expect([stale.version, fresh.version]).toEqual([1, 2]);
  });

  it('should refuse a prompt of the other type than asked', async () => {
    await expect(client().getPrompt('helper/text', { type: 'chat' })).rejects.toThrow(
      'is a text prompt, not a chat prompt',
    );
  });

  it('should answer with the fallback when the server cannot be reached', async () => {
    const offline = createPromptClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });

    const text = await offline.getPrompt('helper/text', { fallback: 'Hello {{name}}' });
    const chat = await offline.getPrompt('helper/chat', {
      fallback: [{ role: 'system', content: 'Be {{tone}}.' }],
      type: 'chat',
    });

    expect([text.isFallback, text.version, text.compile({ name: 'Ada' })]).toEqual([
      true,
      0,
      'Hello Ada',
    ]);
    expect(chat.compile({ tone: 'brief' })).toEqual([{ role: 'system', content: 'Be brief.' }]);
    await expect(offline.getPrompt('helper/text')).rejects.toBeInstanceOf(PromptApiError);
  });

  it('should keep serving what it fetched once the server is gone', async () => {
    now = 0;
    let up = true;
    const flaky = createPromptClient({
      baseUrl: sereno.url,
      ...projectKeys,
      now: () => now,
      fetch: (input, init) => (up ? fetch(input, init) : Promise.reject(new Error('ECONNREFUSED'))),
    });
    await flaky.getPrompt('helper/text');
    up = false;
    now = 120_000;

    const stale = await flaky.getPrompt('helper/text');
    const uncached = await flaky.getPrompt('helper/text', { cacheTtlSeconds: 0 });

    expect([stale.isFallback, uncached.isFallback, uncached.version]).toEqual([false, false, 1]);
  });
});
