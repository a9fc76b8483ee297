import { afterEach, describe, expect, it } from 'vitest';
import { dataFrame, type Script } from '../fake-upstreams/fake-server.js';
import {
  openAiError,
  openAiStreamFrames,
  openAiUsage,
  startFakeOpenAi,
  type FakeOpenAi,
} from '../fake-upstreams/fake-openai.js';
import { postChat, readTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

/**
 * The router's fault matrix, over HTTP: fake upstreams told to fail in each way a provider
 * fails, and what the client, the upstreams and the router's health then show.
 */

const masterKey = 'sk-fault-matrix-master';
const asMaster = { authorization: `Bearer ${masterKey}` };

interface CutStreamTrace {
  observations: {
    level: string;
    output: { content: string };
    usageDetails: Record<string, number>;
    metadata: Record<string, unknown>;
  }[];
}

interface Row {
  name: string;
  /** Scripts of the primary group's two deployments and of the fallback group's one. */
  a?: Script[];
  b?: Script[];
  fallback?: Script[];
  /** Extra YAML under router_settings. */
  routerSettings?: string;
  /** Extra YAML in each deployment's litellm_params. */
  deploymentParams?: string;
  /** Only deployment a in the primary group. */
  single?: boolean;
  /** No fallback group configured. */
  noFallback?: boolean;
  stream?: boolean;
  expected: {
    status: number;
    attempts?: number;
    /** Requests each upstream received. */
    tried: { a: number; b: number; fallback: number };
    maxMs: number;
    retryAfter?: string;
    aStatus?: 'healthy' | 'cooling_down';
  };
}

const stallBeforeContent: Script = {
  kind: 'sse',
  frames: openAiStreamFrames({ pieces: ['never'] }),
  stallAfter: 1,
};
const inBandErrorFirst: Script = {
  kind: 'sse',
  frames: [
    dataFrame({
      error: { message: 'The server is overloaded', type: 'server_error', code: 'overloaded' },
    }),
  ],
};

const rows: Row[] = [
  {
    name: '500 then another deployment',
    a: [openAiError(500, 'boom', 'server_error')],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: '502',
    a: [openAiError(502, 'bad gateway', 'server_error')],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: '503',
    a: [openAiError(503, 'unavailable', 'server_error')],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: '429 with Retry-After cools a down at once',
    a: [openAiError(429, 'slow down', 'rate_limit_error', null, { 'retry-after': '30' })],
    expected: {
      status: 200,
      attempts: 2,
      tried: { a: 1, b: 1, fallback: 0 },
      maxMs: 2000,
      aStatus: 'cooling_down',
    },
  },
  {
    name: 'a lone Groq deployment at 429 "try again in 46s" falls back at once',
    single: true,
    a: [
      openAiError(
        429,
        'Rate limit reached. Please try again in 46s.',
        'tokens',
        'rate_limit_exceeded',
        { 'retry-after': '46' },
      ),
    ],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 0, fallback: 1 }, maxMs: 2000 },
  },
  {
    name: 'a lone deployment at 429 without Retry-After and no fallback waits, then succeeds',
    single: true,
    a: [openAiError(429, 'slow down', 'rate_limit_error')],
    noFallback: true,
    expected: { status: 200, attempts: 2, tried: { a: 2, b: 0, fallback: 0 }, maxMs: 3000 },
  },
  {
    name: 'a timeout',
    a: [{ kind: 'hang' }],
    deploymentParams: 'timeout: 0.3',
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 3000 },
  },
  {
    name: 'a reset connection',
    a: [{ kind: 'reset' }],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: 'invalid JSON',
    a: [{ kind: 'raw', text: '{"choices": [', headers: { 'content-type': 'application/json' } }],
    expected: { status: 200, attempts: 2, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: 'a stream that stalls before its first token',
    stream: true,
    a: [stallBeforeContent],
    deploymentParams: 'stream_timeout: 0.3',
    expected: { status: 200, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 3000 },
  },
  {
    name: 'an in-band error before any content',
    stream: true,
    a: [inBandErrorFirst],
    expected: { status: 200, tried: { a: 1, b: 1, fallback: 0 }, maxMs: 2000 },
  },
  {
    name: 'everything down answers 429 with Retry-After',
    a: Array(10).fill(openAiError(503, 'down', 'server_error')),
    b: Array(10).fill(openAiError(503, 'down', 'server_error')),
    fallback: Array(10).fill(openAiError(503, 'down', 'server_error')),
    routerSettings: 'allowed_fails: 1\n  cooldown_time: 7\n  num_retries: 1',
    expected: {
      status: 503,
      attempts: 3,
      tried: { a: 1, b: 1, fallback: 1 },
      maxMs: 3000,
      retryAfter: '7',
    },
  },
];

describe('router fault matrix', () => {
  const started: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  async function setup(
    row: Row,
  ): Promise<{ sereno: TestSereno; a: FakeOpenAi; b: FakeOpenAi; fallback: FakeOpenAi }> {
    const [a, b, fallback] = await Promise.all([
      startFakeOpenAi(),
      startFakeOpenAi(),
      startFakeOpenAi(),
    ]);
    a.enqueue(...(row.a ?? []));
    b.enqueue(...(row.b ?? []));
    fallback.enqueue(...(row.fallback ?? []));
    const deployment = (name: string, upstream: FakeOpenAi, order: number) => `
  - model_name: ${name}
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      api_key: sk-fake-upstream-key-123
      order: ${order}
      ${row.deploymentParams ?? ''}`;
    const sereno = await startSereno(`
model_list:${deployment('primary', a, 1)}${row.single ? '' : deployment('primary', b, 2)}${deployment('backup', fallback, 1)}
router_settings:
  fallbacks: ${row.noFallback ? '[]' : '[{primary: [backup]}]'}
  ${row.routerSettings ?? ''}
general_settings:
  master_key: ${masterKey}
`);
    started.push(a, b, fallback, { close: () => sereno.stop() });
    return { sereno, a, b, fallback };
  }

  it.each(rows)('should handle $name', async (row) => {
    const { sereno, a, b, fallback } = await setup(row);
    const started = Date.now();
    const response = await postChat(
      sereno,
      {
        model: 'primary',
        messages: [{ role: 'user', content: 'hi' }],
        stream: row.stream,
      },
      asMaster,
    );
    const text = await response.text();
    const elapsed = Date.now() - started;

    expect(response.status, text).toBe(row.expected.status);
    expect(elapsed).toBeLessThan(row.expected.maxMs);
    if (row.expected.retryAfter)
      expect(response.headers.get('retry-after')).toBe(row.expected.retryAfter);
    if (row.expected.attempts)
      expect(response.headers.get('x-sereno-attempts')).toBe(String(row.expected.attempts));
    expect({
      a: a.requests.length,
      b: b.requests.length,
      fallback: fallback.requests.length,
    }).toEqual(row.expected.tried);
    if (row.stream && row.expected.status === 200) {
      expect(text).toContain('data: [DONE]');
      expect(text).not.toContain('error');
      expect(text).not.toContain('never');
    }
    if (row.expected.aStatus) {
      const health = (await fetch(`${sereno.url}/health`, {
        headers: { authorization: `Bearer ${masterKey}` },
      }).then((r) => r.json())) as {
        deployments: { id: string; status: string }[];
      };
      expect(health.deployments[0]?.status).toBe(row.expected.aStatus);
    }
  });

  it('should answer 429 with the shortest cooldown once every deployment cools down', async () => {
    const down = Array(10).fill(openAiError(503, 'down', 'server_error'));
    const { sereno } = await setup({
      name: 'all cooling',
      a: down,
      b: down,
      fallback: down,
      routerSettings: 'allowed_fails: 1\n  cooldown_time: 7',
      expected: { status: 429, tried: { a: 0, b: 0, fallback: 0 }, maxMs: 0 },
    });
    const call = () =>
      postChat(sereno, { model: 'primary', messages: [{ role: 'user', content: 'hi' }] }, asMaster);
    // The request that met the failures reports them, with when to come back.
    const first = await call();
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    const started = Date.now();
    const second = await call();
    expect(Date.now() - started).toBeLessThan(500);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(6);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(7);
  });

  it('should end a stream cut after 40 of 60 chunks with an error frame and no [DONE]', async () => {
    const pieces = Array.from({ length: 60 }, (_, index) => `w${index} `);
    const { sereno } = await setup({
      name: 'cut',
      a: [
        {
          kind: 'sse',
          frames: openAiStreamFrames({ pieces, usage: openAiUsage(10, 60) }),
          cutAfter: 41,
        },
      ],
      expected: { status: 200, tried: { a: 1, b: 0, fallback: 0 }, maxMs: 0 },
    });
    const response = await postChat(
      sereno,
      {
        model: 'primary',
        messages: [{ role: 'user', content: 'long' }],
        stream: true,
      },
      asMaster,
    );
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('w39 ');
    expect(text).not.toContain('w40 ');
    expect(text).not.toContain('[DONE]');
    const frames = text.trim().split('\n\n');
    const last = JSON.parse(frames.at(-1)!.slice('data: '.length)) as { error: { code: string } };
    expect(last.error.code).toBe('upstream_connection_error');

    const traceId = response.headers.get('x-request-id');
    const trace = await readTrace<CutStreamTrace>(sereno, traceId, asMaster.authorization);
    const generation = trace.observations.at(-1)!;
    expect(generation.level).toBe('ERROR');
    expect(generation.output.content).toContain('w39 ');
    expect(generation.usageDetails.output).toBeGreaterThan(0);
    expect(generation.metadata.usageEstimated).toBe(true);
  });
});
