import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../fake-upstreams/fake-openai.js';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-projects-master-key';

function basic(publicKey: string, secretKey: string): string {
  return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString('base64')}`;
}

interface ProjectsBody {
  data: { name: string }[];
}

interface CreatedProject {
  publicKey: string;
  secretKey: string;
}

describe('projects and keys', () => {
  let upstream: FakeOpenAi;
  let sereno: TestSereno;

  beforeAll(async () => {
    upstream = await startFakeOpenAi();
    sereno = await startSereno(
      `
model_list:
  - model_name: m
    litellm_params:
      model: openai/gpt-4o-mini
      api_base: ${upstream.baseUrl}
general_settings:
  master_key: ${masterKey}
`,
      {},
      {
        initProject: { name: 'main', publicKey: 'pk-lf-main', secretKey: 'sk-lf-main-secret-123' },
      },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
    await upstream?.close();
  });

  const get = (path: string, authorization: string, headers: Record<string, string> = {}) =>
    fetch(`${sereno.url}${path}`, { headers: { authorization, ...headers } });

  const chat = (authorization: string) =>
    fetch(`${sereno.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('should make the project declared at startup the default one, with its key pair', async () => {
    const withMaster = (await get('/api/public/projects', `Bearer ${masterKey}`).then((r) =>
      r.json(),
    )) as ProjectsBody;
    const withKeys = (await get(
      '/api/public/projects',
      basic('pk-lf-main', 'sk-lf-main-secret-123'),
    ).then((r) => r.json())) as ProjectsBody;
    expect(withMaster.data[0]?.name).toBe('main');
    expect(withKeys.data[0]?.name).toBe('main');
  });

  it.each([
    ['a wrong secret', basic('pk-lf-main', 'sk-wrong')],
    ['a public key that does not match the secret', basic('pk-other', 'sk-lf-main-secret-123')],
    ['no key at all', ''],
  ])('should refuse %s with 401 in Langfuse’s envelope', async (_name, authorization) => {
    const response = await get('/api/public/projects', authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty('message');
  });

  it('should create a project with a key pair under the master key, and keep traces apart', async () => {
    const created = (await fetch(`${sereno.url}/api/admin/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'team-b' }),
    }).then((r) => r.json())) as CreatedProject;
    expect(created.publicKey).toMatch(/^pk-sr-/);
    expect(created.secretKey).toMatch(/^sk-sr-/);

    const response = await chat(`Bearer ${created.secretKey}`);
    expect(response.status).toBe(200);
    const path = `/api/public/traces/${response.headers.get('x-request-id')}`;

    expect((await get(path, basic(created.publicKey, created.secretKey))).status).toBe(200);
    expect((await get(path, `Bearer ${masterKey}`)).status).toBe(404);
    expect((await get(path, `Bearer ${masterKey}`, { 'x-sereno-project': 'team-b' })).status).toBe(
      200,
    );
    expect((await get(path, basic('pk-lf-main', 'sk-lf-main-secret-123'))).status).toBe(404);
  });

  it('should let only the master key manage projects', async () => {
    const response = await fetch(`${sereno.url}/api/admin/projects`, {
      method: 'POST',
      headers: {
        authorization: basic('pk-lf-main', 'sk-lf-main-secret-123'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'sneaky' }),
    });
    expect(response.status).toBe(403);
  });

  it('should refuse a project key that names another project', async () => {
    const response = await get(
      '/api/public/projects',
      basic('pk-lf-main', 'sk-lf-main-secret-123'),
      {
        'x-sereno-project': 'team-b',
      },
    );
    expect(response.status).toBe(403);
  });

  it('should answer 404 for a project header that names no project', async () => {
    const response = await get('/api/public/projects', `Bearer ${masterKey}`, {
      'x-sereno-project': 'nope',
    });
    expect(response.status).toBe(404);
  });

  it('should store secret keys only as hashes', () => {
    const db = new Database(join(sereno.dataDir, 'sereno.db'), { readonly: true });
    const rows = db.prepare('select * from api_keys').all();
    db.close();
    expect(JSON.stringify(rows)).not.toContain('sk-lf-main-secret-123');
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a project declared at startup, across restarts', () => {
  it('should take a new secret and refuse a public key of another project', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sereno-restart-'));
    const yaml = `general_settings:\n  master_key: ${masterKey}\n`;
    const first = await startSereno(
      yaml,
      {},
      {
        dataDir,
        initProject: { name: 'main', publicKey: 'pk-1', secretKey: 'sk-first-secret' },
      },
    );
    await first.close();

    const second = await startSereno(
      yaml,
      {},
      {
        dataDir,
        initProject: { name: 'main', publicKey: 'pk-1', secretKey: 'sk-second-secret' },
      },
    );
    const status = async (secret: string) =>
      (
        await fetch(`${second.url}/api/public/projects`, {
          headers: { authorization: basic('pk-1', secret) },
        })
      ).status;
    expect([await status('sk-first-secret'), await status('sk-second-secret')]).toEqual([401, 200]);
    await second.close();

    await expect(
      startSereno(
        yaml,
        {},
        {
          dataDir,
          initProject: { name: 'other', publicKey: 'pk-1', secretKey: 'sk-x-secret' },
        },
      ),
    ).rejects.toThrow(/belongs to another project/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('without a master key', () => {
  it('should let keyless callers act on the default project but refuse unknown key pairs', async () => {
    const open = await startSereno('model_list: []\n');
    const keyless = await fetch(`${open.url}/api/public/projects`);
    const unknown = await fetch(`${open.url}/api/public/projects`, {
      headers: { authorization: basic('pk-x', 'sk-x') },
    });
    expect([keyless.status, unknown.status]).toEqual([200, 401]);
    await open.stop();
  });
});
