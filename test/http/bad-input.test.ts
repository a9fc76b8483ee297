import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/errors/error-codes.js';
import {
  openAiStreamFrames,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import {
  dataFrame,
  startFakeServer,
  type FakeServer,
  type Script,
} from '../fake-upstreams/fake-server.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';
import { postLargeBody } from './post-large-body.js';

const masterKey = 'test-master-key-bad-input';
const authorization = `Bearer ${masterKey}`;
const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };
/** Longer than any answer takes here; a request still open by then hangs. */
const hangMs = 5_000;

interface Sent {
  method?: string;
  path?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Checks the body is OpenAI's error envelope and nothing else, and returns its error. */
function openAiError(text: string): OpenAiError {
  const body = JSON.parse(text) as { error: OpenAiError };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.error.type).toMatch(/^[a-z_]+_error$/);
  expect(Object.keys(errorCodes)).toContain(body.error.code);
  return body.error;
}

describe('bad input to a running Sereno', () => {
  let upstream: FakeOpenAi;
  let garbage: FakeServer;
  let garbageScript: Script = { kind: 'reset' };
  let sereno: TestSereno;

  const send = async ({ method = 'POST', path, body, headers }: Sent): Promise<Answer> => {
    const response = await fetch(`${sereno.url}${path ?? '/v1/chat/completions'}`, {
      method,
      body,
      headers: { authorization, 'content-type': 'application/json', ...headers },
      signal: AbortSignal.timeout(hangMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    garbage = await startFakeServer(() => garbageScript);
    sereno = await startSereno(`
model_list:
  - model_name: gpt-4o-mini
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: test-upstream-key-0001
  - model_name: garbage
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${garbage.origin}/v1
      api_key: test-upstream-key-0002
router_settings:
  num_retries: 0
  allowed_fails: 1000
general_settings:
  master_key: ${masterKey}
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
    await garbage?.close();
  });

  describe('from the client', () => {
    const deep = `{"model":"gpt-4o-mini","messages":[],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

    it.each<[string, number, string, Sent, string | null]>([
      [
        'malformed JSON',
        400,
        'invalid_json',
        { body: '{"model": "gpt-4o-mini", "messages": [' },
        null,
      ],
      ['a JSON array', 400, 'invalid_request', { body: json([hello]) }, null],
      ['a JSON string', 400, 'invalid_request', { body: json('Hello') }, null],
      [
        'temperature "hot"',
        400,
        'invalid_request',
        { body: json({ ...hello, temperature: 'hot' }) },
        'temperature',
      ],
      [
        'messages that are not a list',
        400,
        'invalid_request',
        { body: json({ ...hello, messages: 'Hello' }) },
        'messages',
      ],
      [
        'content that is a number',
        400,
        'invalid_request',
        { body: json({ ...hello, messages: [{ role: 'user', content: 42 }] }) },
        'messages[0].content',
      ],
      [
        'a content part of an unknown type',
        400,
        'invalid_request',
        { body: json({ ...hello, messages: [{ role: 'user', content: [{ type: 'video' }] }] }) },
        'messages[0].content[0].type',
      ],
      ['no messages', 400, 'invalid_request', { body: json({ model: 'gpt-4o-mini' }) }, 'messages'],
      ['no model', 400, 'invalid_request', { body: json({ messages: hello.messages }) }, 'model'],
      [
        'an unknown role',
        400,
        'invalid_request',
        {
          body: json({ ...hello, messages: [hello.messages[0], { role: 'wizard', content: 'x' }] }),
        },
        'messages[1].role',
      ],
      [
        'an unknown model',
        404,
        'model_not_found',
        { body: json({ ...hello, model: 'no-such-model' }) },
        'model',
      ],
      ['an empty body', 400, 'invalid_json', { body: '' }, null],
      [
        'invalid UTF-8 bytes',
        400,
        'invalid_utf8',
        { body: new Uint8Array([0x7b, 0x22, 0x6d, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
        null,
      ],
      ['JSON nested 100,000 levels deep', 400, 'invalid_request', { body: deep }, null],
      [
        'an unknown route',
        404,
        'not_found',
        { path: '/v1/no-such-route', body: json(hello) },
        null,
      ],
      [
        'a wrong HTTP method',
        405,
        'method_not_allowed',
        { method: 'GET', path: '/v1/chat/completions' },
        null,
      ],
      [
        'a wrong HTTP method with a malformed body',
        405,
        'method_not_allowed',
        { method: 'PUT', path: '/v1/models', body: '{' },
        null,
      ],
      [
        'no API key',
        401,
        'missing_api_key',
        { headers: { authorization: '' }, body: json(hello) },
        null,
      ],
      [
        'a wrong API key',
        401,
        'invalid_api_key',
        { headers: { authorization: 'Bearer test-wrong-key' }, body: json(hello) },
        null,
      ],
    ])('should answer %s with %i %s', async (_name, status, code, sent, param) => {
      const answer = await send(sent);

      expect(answer.status).toBe(status);
      expect(openAiError(answer.text)).toMatchObject({ code, param });
    });

    it('should say which methods a route takes when the method is wrong', async () => {
      const answer = await send({ method: 'DELETE', path: '/v1/chat/completions' });

      expect(answer.headers.get('allow')).toBe('POST');
    });

    it('should answer a declared 20 MB body with 413 before reading past its first MB', async () => {
      const answer = await postLargeBody({
        origin: sereno.url,
        path: '/v1/chat/completions',
        headers: { authorization, 'content-type': 'application/json' },
        declaredBytes: 20 * 1024 * 1024,
        maxBytes: 1024 * 1024,
        timeoutMs: hangMs,
      });

      expect(answer.status).toBe(413);
      expect(openAiError(answer.body).code).toBe('body_too_large');
    });

    it('should answer a chunked body with 413 once it passes 10 MB, before the body ends', async () => {
      // The body is never finished: an answer proves Sereno did not wait for its end. Writing
      // stops past the limit, as a client writing on would see its socket reset instead.
      const answer = await postLargeBody({
        origin: sereno.url,
        path: '/v1/chat/completions',
        headers: { authorization, 'content-type': 'application/json' },
        maxBytes: 11 * 1024 * 1024,
        timeoutMs: hangMs,
      });

      expect(answer.status).toBe(413);
      expect(openAiError(answer.body).code).toBe('body_too_large');
    });

    it('should still serve a normal request after all of them', async () => {
      const answer = await send({ body: json(hello) });

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({
        choices: [{ message: { content: 'Hello! You said: Hello' } }],
      });
    });
  });

  describe('from the upstream', () => {
    const ask = (stream: boolean) => send({ body: json({ ...hello, model: 'garbage', stream }) });

    it.each<[string, string, boolean, Script]>([
      [
        '200 with a body that is not JSON',
        'upstream_invalid_response',
        false,
        { kind: 'raw', text: '<html>Bad gateway</html>' },
      ],
      ['200 with an empty body', 'upstream_invalid_response', false, { kind: 'raw', text: '' }],
      [
        '200 with JSON of the wrong shape',
        'upstream_invalid_response',
        false,
        { kind: 'json', body: { result: 'ok' } },
      ],
      [
        '200 with choices that hold no message',
        'upstream_invalid_response',
        false,
        { kind: 'json', body: { choices: [1] } },
      ],
      ['200 with a JSON list', 'upstream_invalid_response', false, { kind: 'json', body: [] }],
      [
        'an SSE stream of garbage',
        'upstream_invalid_response',
        true,
        { kind: 'sse', frames: ['data: {garbage\n\n', 'data: !!\n\n'] },
      ],
      [
        'an SSE stream of events that are not objects',
        'upstream_invalid_response',
        true,
        { kind: 'sse', frames: [dataFrame([1, 2])] },
      ],
      [
        'an SSE stream when JSON was asked for',
        'upstream_invalid_response',
        false,
        { kind: 'sse', frames: openAiStreamFrames({ pieces: ['Hi'] }) },
      ],
      ['a reset connection', 'upstream_connection_error', false, { kind: 'reset' }],
      ['a reset connection on a stream', 'upstream_connection_error', true, { kind: 'reset' }],
      [
        'a stream cut before any content',
        'upstream_connection_error',
        true,
        {
          kind: 'sse',
          frames: openAiStreamFrames({ pieces: ['Hi'] }),
          cutAfter: 1,
          intervalMs: 20,
        },
      ],
    ])('should answer %s with 502 %s (stream: %s)', async (_name, code, stream, script) => {
      garbageScript = script;
      const answer = await ask(stream);

      expect(answer.status).toBe(502);
      expect(openAiError(answer.text).code).toBe(code);
    });

    it('should end a stream that turns to garbage after its first words with an error event', async () => {
      const [role, words] = openAiStreamFrames({ pieces: ['Hello '] });
      garbageScript = {
        kind: 'sse',
        frames: [role ?? '', words ?? '', 'data: {garbage\n\n'],
        intervalMs: 20,
      };
      const answer = await ask(true);

      expect(answer.status).toBe(200);
      const events = answer.text.split('\n\n').filter(Boolean);
      expect(events.at(-1)).toMatch(/^data: /);
      const last = JSON.parse(events.at(-1)?.slice('data: '.length) ?? '') as {
        error: OpenAiError;
      };
      expect(last.error.code).toBe('upstream_invalid_response');
      expect(answer.text).not.toContain('[DONE]');
    });

    it('should still serve a normal request after all of them', async () => {
      garbageScript = {
        kind: 'json',
        body: {
          choices: [
            { index: 0, message: { role: 'assistant', content: 'Back' }, finish_reason: 'stop' },
          ],
        },
      };
      const answer = await ask(false);

      expect(answer.status).toBe(200);
    });
  });
});
