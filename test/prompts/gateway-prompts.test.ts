import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import type { TestSereno } from '../helpers/start-sereno.js';
import {
  masterAuth,
  projectAuth,
  promptApi,
  startPromptSereno,
  type PromptApi,
} from './prompt-http.js';

interface UpstreamBody {
  model: string;
  messages: { role: string; content: unknown }[];
  temperature?: number;
  max_tokens?: number;
  response_format?: unknown;
  prompt?: unknown;
  note?: unknown;
}

interface ErrorBody {
  error: { message: string; code: string; param: string | null };
}

interface TraceBody {
  observations: { promptName: string | null; promptVersion: number | null; type: string }[];
}

describe('chat completions that name a managed prompt', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;
  let api: PromptApi;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startPromptSereno(`
model_list:
  - model_name: support-model
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-fake
  - model_name: other-model
    litellm_params:
      model: openai/gpt-4o
      api_base: ${upstream.baseUrl}
      api_key: sk-fake`);
    api = promptApi(sereno);

    const config = { model: 'support-model', temperature: 0.3, max_tokens: 64, note: 'kept here' };
    const version = (text: string) => ({
      name: 'sysprompt-base',
      type: 'chat',
      config,
      prompt: [
        { role: 'system', content: `${text} You help {{company}} customers.` },
        { type: 'placeholder', name: 'examples' },
      ],
    });
    await api.create(version('v1.'));
    await api.create({ ...version('v2.'), labels: ['production'] }, masterAuth);
    await api.create(version('v3.'));
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const chat = (body: Record<string, unknown>, authorization = projectAuth) =>
    fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const lastUpstreamBody = () => upstream.requests.at(-1)?.body as UpstreamBody;

  const named = (extra: Record<string, unknown> = {}) => ({
    prompt: {
      name: 'sysprompt-base',
      variables: { company: 'Acme' },
      placeholders: { examples: [] },
      ...extra,
    },
    messages: [{ role: 'user', content: 'Where is my parcel?' }],
  });

  it('should send the compiled production prompt upstream before the conversation, with its config', async () => {
    const response = await chat(named());

    expect(response.status).toBe(200);
    const sent = lastUpstreamBody();
    expect(sent.messages).toEqual([
      { role: 'system', content: 'v2. You help Acme customers.' },
      { role: 'user', content: 'Where is my parcel?' },
    ]);
    expect([sent.model, sent.temperature, sent.max_tokens]).toEqual(['gpt-4o-mini', 0.3, 64]);
    expect(sent.prompt).toBeUndefined();
    expect(sent.note).toBeUndefined();
  });

  it('should link every generation of the trace to the prompt’s name and version', async () => {
    const response = await chat(named());
    const trace = (await (
      await fetch(`${sereno.url}/api/public/traces/${response.headers.get('x-request-id')}`, {
        headers: { authorization: projectAuth },
      })
    ).json()) as TraceBody;

    expect(trace.observations.map((o) => [o.type, o.promptName, o.promptVersion])).toEqual([
      ['GENERATION', 'sysprompt-base', 2],
    ]);
  });

  it('should let the request override the config field by field', async () => {
    await chat({ ...named(), model: 'other-model', temperature: 0.9 });

    const sent = lastUpstreamBody();
    expect([sent.model, sent.temperature, sent.max_tokens]).toEqual(['gpt-4o', 0.9, 64]);
  });

  it.each([
    ['a version', { version: 1 }, 'v1.'],
    ['a label', { label: 'latest' }, 'v3.'],
  ])('should compile the prompt %s picks', async (_case, selector, start) => {
    await chat(named(selector));

    expect(lastUpstreamBody().messages[0]?.content).toBe(`${start} You help Acme customers.`);
  });

  it('should fill placeholders with the message lists given', async () => {
    const examples = [
      { role: 'user', content: 'Hi {{not-a-variable}}' },
      { role: 'assistant', content: 'Hello!' },
    ];
    await chat(named({ placeholders: { examples } }));

    expect(lastUpstreamBody().messages.slice(1, 3)).toEqual(examples);
  });

  it('should send a text prompt as the system message, and stream', async () => {
    await api.create(
      {
        name: 'tone/brief',
        prompt: 'Answer in {{n}} words.',
        config: { model: 'support-model' },
        labels: ['production'],
      },
      masterAuth,
    );

    const response = await chat({
      prompt: { name: 'tone/brief', variables: { n: 5 } },
      messages: [{ role: 'user', content: 'Why?' }],
      stream: true,
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('[DONE]');
    expect(lastUpstreamBody().messages[0]).toEqual({
      role: 'system',
      content: 'Answer in 5 words.',
    });
  });

  it('should change what the next request sends once production moves, without a restart', async () => {
    const moved = await api.call(
      'PATCH',
      '/api/public/v2/prompts/sysprompt-base/versions/3',
      { newLabels: ['production'] },
      { authorization: masterAuth },
    );
    expect(moved.status).toBe(200);

    await chat(named());

    expect(lastUpstreamBody().messages[0]?.content).toBe('v3. You help Acme customers.');
  });

  it.each([
    [
      'an unknown prompt',
      { prompt: { name: 'nope' }, messages: [{ role: 'user', content: 'x' }] },
      'prompt_not_found',
      "Prompt 'nope' with label 'production' does not exist in this project.",
    ],
    [
      'a missing variable and placeholder',
      { prompt: { name: 'sysprompt-base' }, messages: [{ role: 'user', content: 'x' }] },
      'prompt_variables_missing',
      "Prompt 'sysprompt-base' version 3 needs variables company and placeholders examples, which the request did not give.",
    ],
    [
      'a label and a version',
      { prompt: { name: 'sysprompt-base', label: 'latest', version: 1 }, messages: [] },
      'invalid_request',
      'Name the prompt by label or by version, not both.',
    ],
    [
      'a prompt that is not an object',
      { prompt: 'sysprompt-base', messages: [{ role: 'user', content: 'x' }] },
      'invalid_request',
      "Invalid value for 'prompt'",
    ],
  ])('should refuse %s with 400, saying which', async (_case, body, code, message) => {
    const before = upstream.requests.length;
    const response = await chat(body);
    const answer = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).toContain(message);
    expect(upstream.requests.length).toBe(before);
  });

  it('should still ask for a model when neither the request nor the config names one', async () => {
    await api.create({ name: 'no-model', prompt: 'Be kind.' }, masterAuth);
    const response = await chat({
      prompt: { name: 'no-model', label: 'latest' },
      messages: [{ role: 'user', content: 'x' }],
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.param).toBe('model');
  });

  it('should resolve the prompt in the project of the calling key', async () => {
    const response = await chat(named(), `Bearer sk-none`);
    const created = (await (
      await fetch(`${sereno.url}/api/admin/projects`, {
        method: 'POST',
        headers: { authorization: masterAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'elsewhere' }),
      })
    ).json()) as { secretKey: string };
    const elsewhere = await chat(named(), `Bearer ${created.secretKey}`);

    expect(response.status).toBe(401);
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as ErrorBody).error.code).toBe('prompt_not_found');
  });
});
