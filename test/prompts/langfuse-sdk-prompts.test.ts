import { LangfuseClient } from '@langfuse/client';
import { Langfuse } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSereno } from '../helpers/start-sereno.js';
import { addMemberKeys, masterKey, projectKeys, startPromptSereno } from './prompt-http.js';

/** The official Langfuse SDKs' prompt calls, unchanged, against a running Sereno. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('@langfuse/client 5.x prompts', () => {
  let sereno: TestSereno;
  let project: LangfuseClient;
  let member: LangfuseClient;
  let admin: LangfuseClient;

  beforeAll(async () => {
    sereno = await startPromptSereno();
    // The key pair declared at startup, as an application holds it: an admin of its project.
    project = new LangfuseClient({ ...projectKeys, baseUrl: sereno.url });
    const memberKeys = await addMemberKeys(sereno);
    member = new LangfuseClient({ ...memberKeys, baseUrl: sereno.url });
    // The master key as the secret of a key pair acts as admin, as it does as a bearer token.
    admin = new LangfuseClient({
      publicKey: 'pk-admin',
      secretKey: masterKey,
      baseUrl: sereno.url,
    });
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  it('should let the declared key pair create versions, label version 2 production and get it by default', async () => {
    const first = await project.prompt.create({
      name: 'sysprompt-base',
      prompt: 'You are the assistant of {{company}}.',
      config: { model: 'gpt-4o-mini', temperature: 0.2 },
    });
    const second = await project.prompt.create({
      name: 'sysprompt-base',
      prompt: 'You answer for {{company}}, briefly.',
      commitMessage: 'shorter',
    });
    const labelled = await project.prompt.update({
      name: 'sysprompt-base',
      version: 2,
      newLabels: ['production'],
    });

    const served = await project.prompt.get('sysprompt-base', { cacheTtlSeconds: 60 });

    expect([first.version, second.version, labelled.version, served.version]).toEqual([1, 2, 2, 2]);
    expect(served.labels).toEqual(['latest', 'production']);
    expect(served.commitMessage).toBe('shorter');
    expect(served.compile({ company: 'Acme' })).toBe('You answer for Acme, briefly.');
  });

  it('should refuse a member key pair that moves production, as an access error', async () => {
    const attempt = member.prompt.update({
      name: 'sysprompt-base',
      version: 1,
      newLabels: ['production'],
    });

    await expect(attempt).rejects.toMatchObject({ statusCode: 403 });
    expect((await member.prompt.get('sysprompt-base', { cacheTtlSeconds: 0 })).version).toBe(2);
  });

  it('should serve from its cache within the TTL, then refresh in the background', async () => {
    await project.prompt.create({ name: 'ttl', prompt: 'one', labels: ['staging'] });
    const read = () => project.prompt.get('ttl', { label: 'staging', cacheTtlSeconds: 1 });
    expect((await read()).prompt).toBe('one');

    await project.prompt.create({ name: 'ttl', prompt: 'two', labels: ['staging'] });
    const cached = await read();
    await sleep(1_200);
    const stale = await read();

    expect([cached.prompt, stale.prompt]).toEqual(['one', 'one']);
    await vi.waitFor(async () => expect((await read()).prompt).toBe('two'), { timeout: 10_000 });
  });

  it('should create a chat prompt with a placeholder and compile both', async () => {
    await project.prompt.create({
      name: 'support/chat',
      type: 'chat',
      prompt: [
        { role: 'system', content: 'Help {{user}}.' },
        { type: 'placeholder', name: 'history' },
      ],
      labels: ['staging'],
    });

    const chat = await project.prompt.get('support/chat', { type: 'chat', label: 'staging' });

    expect(chat.compile({ user: 'Ada' }, { history: [{ role: 'user', content: 'Hi' }] })).toEqual([
      { role: 'system', content: 'Help Ada.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it.each(['team/ops/triage', 'résumé écrit', '日本語/プロンプト'])(
    'should read %j through the SDK’s URL encoding',
    async (name) => {
      await project.prompt.create({ name, prompt: name, labels: ['staging'] });
      await project.prompt.update({ name, version: 1, newLabels: ['beta'] });

      const served = await project.prompt.get(name, { label: 'beta', cacheTtlSeconds: 0 });

      expect([served.name, served.prompt]).toEqual([name, name]);
    },
  );

  it('should list, and delete by version', async () => {
    const listed = await project.api.prompts.list({ name: 'sysprompt-base' });
    await admin.prompt.delete('ttl', { version: 1 });

    expect(listed.data[0]).toMatchObject({ name: 'sysprompt-base', versions: [1, 2] });
    await expect(project.prompt.get('ttl', { version: 1, cacheTtlSeconds: 0 })).rejects.toThrow();
  });
});

describe('langfuse 3.x prompts', () => {
  let sereno: TestSereno;
  let langfuse: Langfuse;
  let admin: Langfuse;

  beforeAll(async () => {
    sereno = await startPromptSereno();
    langfuse = new Langfuse({ ...projectKeys, baseUrl: sereno.url });
    admin = new Langfuse({ publicKey: 'pk-admin', secretKey: masterKey, baseUrl: sereno.url });
  });

  afterAll(async () => {
    await langfuse?.shutdownAsync();
    await admin?.shutdownAsync();
    await sereno?.stop();
  });

  it('should create, label, get with a cache TTL and compile', async () => {
    await langfuse.createPrompt({ name: 'legacy/sysprompt', prompt: 'Hi {{name}}', labels: [] });
    await langfuse.createPrompt({
      name: 'legacy/sysprompt',
      prompt: 'Hello {{name}}',
      config: { temperature: 0 },
    });
    await admin.updatePrompt({ name: 'legacy/sysprompt', version: 2, newLabels: ['production'] });

    const prompt = await langfuse.getPrompt('legacy/sysprompt', undefined, { cacheTtlSeconds: 30 });
    const first = await langfuse.getPrompt('legacy/sysprompt', 1);

    expect([prompt.version, prompt.config]).toEqual([2, { temperature: 0 }]);
    expect(prompt.compile({ name: 'Ada' })).toBe('Hello Ada');
    expect(first.compile({ name: 'Ada' })).toBe('Hi Ada');
  });

  it('should create a chat prompt and compile it', async () => {
    await langfuse.createPrompt({
      name: 'legacy-chat',
      type: 'chat',
      prompt: [{ role: 'system', content: 'Be {{tone}}.' }],
      labels: ['staging'],
    });

    const chat = await langfuse.getPrompt('legacy-chat', undefined, {
      type: 'chat',
      label: 'staging',
    });

    expect(chat.compile({ tone: 'brief' })).toEqual([{ role: 'system', content: 'Be brief.' }]);
  });

  it('should answer a missing prompt with the fallback', async () => {
    const prompt = await langfuse.getPrompt('missing', undefined, {
      fallback: 'Fallback {{x}}',
      maxRetries: 0,
    });

    expect([prompt.isFallback, prompt.compile({ x: '1' })]).toEqual([true, 'Fallback 1']);
  });
});
