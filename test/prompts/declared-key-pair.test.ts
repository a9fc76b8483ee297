import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LangfuseClient } from '@langfuse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSereno, type SerenoProcess } from '../tracing/sereno-process.js';

/**
 * As an application uses Sereno: the operator declares the project's key pair in the
 * config file and runs `sereno start`; the application holds only that pair and works
 * with `@langfuse/client` as it would with Langfuse, `production` included.
 */

const keys = { publicKey: 'pk-lf-shop', secretKey: 'sk-lf-shop-secret-0123456789' };

describe('an application holding the key pair declared at startup', () => {
  let dataDir: string;
  let sereno: SerenoProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sereno-declared-'));
    const configPath = join(dataDir, 'sereno.yaml');
    await writeFile(
      configPath,
      `model_list: []
general_settings:
  master_key: sk-declared-master-key
init_project:
  name: shop
  public_key: ${keys.publicKey}
  secret_key: ${keys.secretKey}
`,
    );
    sereno = await spawnSereno(configPath, dataDir);
  }, 60_000);

  afterAll(async () => {
    sereno?.child.kill('SIGTERM');
    await sereno?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should create sysprompt-base, label version 2 production and get it with a cache TTL', async () => {
    const langfuse = new LangfuseClient({ ...keys, baseUrl: sereno.url });

    await langfuse.prompt.create({
      name: 'sysprompt-base',
      prompt: 'You help {{company}} customers.',
      config: { model: 'gpt-4o-mini', temperature: 0.2 },
    });
    await langfuse.prompt.create({
      name: 'sysprompt-base',
      prompt: 'You help {{company}} customers, briefly.',
      config: { model: 'gpt-4o-mini', temperature: 0.2 },
    });
    await langfuse.prompt.update({ name: 'sysprompt-base', version: 2, newLabels: ['production'] });
    const prompt = await langfuse.prompt.get('sysprompt-base', { cacheTtlSeconds: 60 });

    expect([prompt.version, prompt.labels]).toEqual([2, ['latest', 'production']]);
    expect(prompt.config).toEqual({ model: 'gpt-4o-mini', temperature: 0.2 });
    expect(prompt.compile({ company: 'Acme' })).toBe('You help Acme customers, briefly.');
  });
});
