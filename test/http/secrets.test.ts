import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAiStreamFrames } from '../fake-upstreams/fake-openai.js';
import {
  dataFrame,
  startFakeServer,
  type FakeServer,
  type RecordedRequest,
  type Responder,
} from '../fake-upstreams/fake-server.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

/**
 * Secrets in shapes no pattern knows, so that only Sereno's knowledge of its own config
 * can keep them out: a pattern-based scrubber alone would let every one of them through.
 */
const secrets = {
  providerKey: 'prov-test-Z9x8c7v6b5n4m3l2',
  gatewayToken: 'gw-test-token-Q1w2e3r4t5y6',
  masterKey: 'master-test-A1s2d3f4g5h6',
  projectSecret: 'proj-secret-test-M4n5b6v7c8',
  wrongBearer: 'wrong-client-token-P0o9i8u7',
  wrongHeaderKey: 'wrong-header-key-L1k2j3h4g5',
  wrongBasicPassword: 'wrong-basic-pass-T6r5e4w3q2',
};
const projectPublicKey = 'pk-sr-secrets-test-public';

function bearerOf(request: RecordedRequest): string {
  return String(request.headers.authorization ?? '').replace(/^Bearer /, '');
}

function errorBody(status: number, message: string) {
  return { kind: 'json' as const, status, body: { error: { message, type: 'error', code: null } } };
}

/** Upstream failures that repeat what the request carried, as some providers' errors do. */
const upstreamFaults: [string, boolean, Responder][] = [
  [
    'answering 400 with the key',
    false,
    (request) => errorBody(400, `Request with key ${bearerOf(request)} is malformed.`),
  ],
  [
    'answering 401 with the key, as OpenAI once did',
    false,
    (request) => errorBody(401, `Incorrect API key provided: ${bearerOf(request)}.`),
  ],
  [
    'answering 429 with the key and Retry-After',
    false,
    (request) => ({
      ...errorBody(429, `Rate limit reached for key ${bearerOf(request)}.`),
      headers: { 'retry-after': '1' },
    }),
  ],
  [
    'answering 500 with every request header',
    false,
    (request) => ({ kind: 'raw', status: 500, text: `boom: ${JSON.stringify(request.headers)}` }),
  ],
  ['resetting the connection', false, () => ({ kind: 'reset' })],
  [
    'cutting a stream after its first words',
    true,
    () => ({
      kind: 'sse',
      frames: openAiStreamFrames({ pieces: ['Hello ', 'there'] }),
      cutAfter: 2,
      intervalMs: 20,
    }),
  ],
  [
    'failing a stream in-band with the key',
    true,
    (request) => ({
      kind: 'sse',
      intervalMs: 20,
      frames: [
        ...openAiStreamFrames({ pieces: ['Hello '], done: false }).slice(0, 2),
        dataFrame({ error: { message: `Key ${bearerOf(request)} was revoked mid-stream.` } }),
      ],
    }),
  ],
];

interface Exchange {
  name: string;
  status: number;
  requestId: string | null;
  text: string;
  headers: string;
}

describe('secrets around a running Sereno', () => {
  let upstream: FakeServer;
  let sereno: TestSereno;
  const logLines: string[] = [];
  const exchanges: Exchange[] = [];

  const call = async (name: string, init: { headers: Record<string, string>; body?: unknown }) => {
    const path = init.body === undefined ? '/v1/models' : '/v1/chat/completions';
    const response = await fetch(`${sereno.url}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(5_000),
    });
    const exchange: Exchange = {
      name,
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      text: await response.text(),
      headers: JSON.stringify([...response.headers]),
    };
    exchanges.push(exchange);
    return exchange;
  };

  const chat = (model: string, stream: boolean) => ({
    model,
    stream,
    messages: [{ role: 'user', content: 'Hello' }],
  });
  const asMaster = { authorization: `Bearer ${secrets.masterKey}` };

  /** Every place a secret was found, as `secret in place`; empty when none leaked. */
  const leaksIn = (place: string, text: string) =>
    Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret))
      .map(([name]) => `${name} in ${place}`);

  beforeAll(async () => {
    upstream = await startFakeServer(() => ({ kind: 'reset' }));
    sereno = await startSereno(
      `
model_list:
  - model_name: direct
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.origin}/v1
      api_key: os.environ/PROVIDER_KEY
  - model_name: behind-gateway
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.origin}/v1
      extra_headers:
        x-gateway-key: \${GATEWAY_TOKEN}
router_settings:
  num_retries: 0
  allowed_fails: 1000
`,
      {
        PROVIDER_KEY: secrets.providerKey,
        GATEWAY_TOKEN: secrets.gatewayToken,
        SERENO_MASTER_KEY: secrets.masterKey,
      },
      {
        logLevel: 'debug',
        logDestination: { write: (line: string) => logLines.push(line) },
        initProject: {
          name: 'default',
          publicKey: projectPublicKey,
          secretKey: secrets.projectSecret,
        },
      },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  it.each(upstreamFaults)(
    'should keep secrets out of the answer to an upstream %s',
    async (name, stream, responder) => {
      upstream.respondWith(responder);
      const exchange = await call(name, { headers: asMaster, body: chat('direct', stream) });

      expect(exchange.status).toBeGreaterThanOrEqual(stream ? 200 : 400);
      expect(leaksIn('the answer', exchange.text + exchange.headers)).toEqual([]);
    },
  );

  it('should keep a credential from extra_headers out of an answer that repeats it', async () => {
    upstream.respondWith((request) =>
      errorBody(401, `Gateway refused key ${String(request.headers['x-gateway-key'])}.`),
    );
    const exchange = await call('gateway 401', {
      headers: asMaster,
      body: chat('behind-gateway', false),
    });

    expect(exchange.status).toBe(401);
    expect(exchange.text).toContain('[REDACTED]');
    expect(leaksIn('the answer', exchange.text)).toEqual([]);
  });

  it.each<[string, Record<string, string>]>([
    ['a wrong bearer token', { authorization: `Bearer ${secrets.wrongBearer}` }],
    ['a wrong x-api-key', { 'x-api-key': secrets.wrongHeaderKey }],
    [
      'a wrong Basic password',
      {
        authorization: `Basic ${Buffer.from(`${projectPublicKey}:${secrets.wrongBasicPassword}`).toString('base64')}`,
      },
    ],
  ])('should refuse %s without repeating it', async (name, headers) => {
    const exchange = await call(name, { headers, body: chat('direct', false) });

    expect(exchange.status).toBe(401);
    expect(leaksIn('the answer', exchange.text + exchange.headers)).toEqual([]);
  });

  it('should serve a project key without repeating it', async () => {
    const exchange = await call('project key', {
      headers: { authorization: `Bearer ${secrets.projectSecret}` },
    });

    expect(exchange.status).toBe(200);
    expect(leaksIn('the answer', exchange.text + exchange.headers)).toEqual([]);
  });

  it('should send the deployment credentials upstream, and never the client key', () => {
    const sent = JSON.stringify(upstream.requests.map((request) => request.headers));

    // Each credential reached the upstream, so each was there to be repeated and leak.
    expect(sent).toContain(secrets.providerKey);
    expect(sent).toContain(secrets.gatewayToken);
    expect(sent).not.toContain(secrets.masterKey);
  });

  it('should keep secrets out of every log line, at debug level', () => {
    const failures = logLines.filter((line) => line.includes('"level":40'));

    // The upstream failures were logged, with what repeated a secret scrubbed.
    expect(failures.length).toBeGreaterThanOrEqual(upstreamFaults.length);
    expect(logLines.join('')).toContain('[REDACTED]');
    expect(logLines.flatMap((line, index) => leaksIn(`log line ${index}`, line))).toEqual([]);
  });

  it('should keep secrets out of every trace and observation read through the API', async () => {
    const failed = exchanges.filter((exchange) => exchange.name !== 'project key');
    const traced = [];
    for (const { requestId } of failed) {
      const response = await fetch(`${sereno.url}/api/public/traces/${requestId}`, {
        headers: asMaster,
      });
      if (response.status === 200) traced.push(await response.text());
    }

    // Every call that reached an upstream is traced; refused keys are not.
    expect(traced).toHaveLength(upstreamFaults.length + 1);
    expect(traced.join('')).toContain('"level":"ERROR"');
    expect(traced.flatMap((text) => leaksIn('a trace', text))).toEqual([]);
  });

  it('should keep secrets out of every row and every byte of the store', async () => {
    await sereno.services.traceWriter.flush();
    const tables = await Promise.all([
      sereno.services.db.selectFrom('traces').selectAll().execute(),
      sereno.services.db.selectFrom('observations').selectAll().execute(),
    ]);
    const files = await readdir(sereno.dataDir);
    const bytes = await Promise.all(
      files.map(async (file) => (await readFile(join(sereno.dataDir, file))).toString('latin1')),
    );

    expect(tables[1].length).toBeGreaterThanOrEqual(upstreamFaults.length);
    expect(leaksIn('the stored rows', JSON.stringify(tables))).toEqual([]);
    expect(files.flatMap((file, index) => leaksIn(file, bytes[index] ?? ''))).toEqual([]);
  });
});
