import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProject } from '../../src/projects/project-repository.js';
import { openSqliteDatabase } from '../../src/store/open-database.js';
import { writeTraceBatch } from '../../src/tracing/trace-repository.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { readTrace } from '../helpers/sereno-requests.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-tracing-settings-master';
const dayMs = 86_400_000;

interface TraceBody {
  name: string;
  input: unknown;
  output: unknown;
  totalCost: number;
  observations: { input: unknown; output: unknown; usageDetails: Record<string, number> }[];
}

describe('tracing.store_bodies: false', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(`
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
      input_cost_per_token: 0.000001
      output_cost_per_token: 0.000002
general_settings:
  master_key: ${masterKey}
tracing:
  store_bodies: false
`);
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const getTrace = async (id: string) => {
    return readTrace<TraceBody>(sereno, id, `Bearer ${masterKey}`);
  };

  it('should keep a gateway call’s trace, usage and cost but not its messages', async () => {
    const response = await fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'a secret plan' }] }),
    });
    expect(response.status).toBe(200);

    const trace = await getTrace(response.headers.get('x-request-id')!);
    expect(trace).toMatchObject({ name: 'chat.completions', input: null, output: null });
    expect(trace.totalCost).toBeGreaterThan(0);
    expect(trace.observations[0]).toMatchObject({ input: null, output: null });
    expect(trace.observations[0]?.usageDetails.total).toBeGreaterThan(0);
    expect(JSON.stringify(trace)).not.toContain('a secret plan');
  });

  it('should drop the bodies of writes that come through the writer from elsewhere', async () => {
    const projectId = sereno.services.defaultProjectId;
    await sereno.services.traceWriter.write([
      { kind: 'trace', record: { projectId, id: 'ingested', name: 'sdk', input: 'question' } },
      {
        kind: 'observation',
        record: {
          projectId,
          id: 'ingested-span',
          traceId: 'ingested',
          type: 'SPAN',
          output: 'answer',
        },
      },
    ]);
    const trace = await getTrace('ingested');
    expect(trace).toMatchObject({ name: 'sdk', input: null, output: null });
    expect(trace.observations[0]).toMatchObject({ input: null, output: null });
  });
});

describe('tracing.retention_days', () => {
  let dataDir: string;
  let sereno: TestSereno;

  beforeAll(async () => {
    // A store with traces from before and within the retention, written before Sereno starts.
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-retention-'));
    const db = await openSqliteDatabase(dataDir);
    const projectId = await ensureProject(db, { name: 'default' }, 0);
    const now = Date.now();
    await writeTraceBatch(
      db,
      [
        { kind: 'trace', record: { projectId, id: 'old', timestamp: now - 40 * dayMs } },
        {
          kind: 'observation',
          record: { projectId, id: 'old-span', traceId: 'old', type: 'SPAN' },
        },
        { kind: 'trace', record: { projectId, id: 'young', timestamp: now - 20 * dayMs } },
      ],
      now - 40 * dayMs,
    );
    await db.destroy();

    sereno = await startSereno(
      `
general_settings:
  master_key: ${masterKey}
tracing:
  retention_days: 30
`,
      {},
      { dataDir },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const status = async (path: string) =>
    (await fetch(`${sereno.url}${path}`, { headers: { authorization: `Bearer ${masterKey}` } }))
      .status;

  it('should delete traces older than the retention at start, and keep the younger', async () => {
    await expect.poll(() => status('/api/public/traces/old'), { timeout: 10_000 }).toBe(404);
    expect(await status('/api/public/observations/old-span')).toBe(404);
    expect(await status('/api/public/traces/young')).toBe(200);
  });
});
