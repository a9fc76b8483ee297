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
  role?: string;
}

interface KeysBody {
  data: { publicKey: string; role: string; note: string | null }[];
}

/** Puts `production` on a new version of a prompt, as an SDK would; answers the status. */
async function labelProduction(url: string, authorization: string): Promise<number> {
  const response = await fetch(`${url}/api/public/v2/prompts`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'sysprompt-base', prompt: 'Hi.', labels: ['production'] }),
  });
  return response.status;
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

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${sereno.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('should make the pair of a new project an admin, and further pairs members unless asked', async () => {
    const project = (await (
      await admin('POST', '/api/admin/projects', { name: 'team-c' })
    ).json()) as CreatedProject;
    const member = (await (
      await admin('POST', '/api/admin/projects/team-c/keys', { note: 'ci' })
    ).json()) as CreatedProject;
    const second = (await (
      await admin('POST', '/api/admin/projects/team-c/keys', { role: 'admin' })
    ).json()) as CreatedProject;
    const refused = await admin('POST', '/api/admin/projects/team-c/keys', { role: 'owner' });

    const listed = (await (
      await admin('GET', '/api/admin/projects/team-c/keys')
    ).json()) as KeysBody;
    const declared = (await (
      await admin('GET', '/api/admin/projects/main/keys')
    ).json()) as KeysBody;

    expect([project.role, member.role, second.role, refused.status]).toEqual([
      'admin',
      'member',
      'admin',
      400,
    ]);
    expect(listed.data.map((key) => [key.publicKey, key.role])).toEqual([
      [project.publicKey, 'admin'],
      [member.publicKey, 'member'],
      [second.publicKey, 'admin'],
    ]);
    expect(declared.data.map((key) => [key.publicKey, key.role])).toEqual([
      ['pk-lf-main', 'admin'],
    ]);
  });

  it('should let an admin pair put production on a prompt and refuse a member pair with 403', async () => {
    const project = (await (
      await admin('POST', '/api/admin/projects', { name: 'team-d' })
    ).json()) as CreatedProject;
    const member = (await (
      await admin('POST', '/api/admin/projects/team-d/keys', {})
    ).json()) as CreatedProject;

    const statuses = [
      await labelProduction(sereno.url, basic(project.publicKey, project.secretKey)),
      await labelProduction(sereno.url, basic(member.publicKey, member.secretKey)),
      await labelProduction(sereno.url, `Bearer ${member.secretKey}`),
      await labelProduction(sereno.url, basic('pk-lf-main', 'sk-lf-main-secret-123')),
    ];

    expect(statuses).toEqual([201, 403, 403, 201]);
  });

  it('should keep the admin routes to the master key, even for an admin pair', async () => {
    const response = await get('/api/admin/projects', basic('pk-lf-main', 'sk-lf-main-secret-123'));
    const metrics = await get('/metrics', basic('pk-lf-main', 'sk-lf-main-secret-123'));

    expect([response.status, metrics.status]).toEqual([403, 403]);
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

describe('the role of a declared pair, across restarts', () => {
  it('should keep the declared pair an admin, and make a member pair an admin once declared', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sereno-roles-'));
    const yaml = `general_settings:\n  master_key: ${masterKey}\n`;
    const declared = { publicKey: 'pk-declared', secretKey: 'sk-declared-secret' };
    const start = (keys: { publicKey: string; secretKey: string }) =>
      startSereno(yaml, {}, { dataDir, initProject: { name: 'main', ...keys } });

    const first = await start(declared);
    const member = (await fetch(`${first.url}/api/admin/projects/main/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}` },
    }).then((r) => r.json())) as CreatedProject;
    await first.close();

    const second = await start(declared);
    const afterRestart = [
      await labelProduction(second.url, basic(declared.publicKey, declared.secretKey)),
      await labelProduction(second.url, basic(member.publicKey, member.secretKey)),
    ];
    await second.close();

    const third = await start({ publicKey: member.publicKey, secretKey: member.secretKey });
    const onceDeclared = await labelProduction(
      third.url,
      basic(member.publicKey, member.secretKey),
    );
    await third.close();
    await rm(dataDir, { recursive: true, force: true });

    expect(member.role).toBe('member');
    expect(afterRestart).toEqual([201, 403]);
    expect(onceDeclared).toBe(201);
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
