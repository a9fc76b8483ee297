import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectsCommand } from '../../src/cli/projects-command.js';
import { startSereno } from '../helpers/start-sereno.js';

const masterKey = 'sk-projects-cli-master';

interface PrintedKeys {
  role: string;
  publicKey: string;
  secretKey: string;
}

/** The fields `sereno projects create|keys` prints, one per line. */
function readPrinted(lines: string[]): PrintedKeys {
  const field = (label: string) =>
    lines
      .find((line) => line.startsWith(label))
      ?.slice(label.length)
      .trim() ?? '';
  return { role: field('role'), publicKey: field('public key'), secretKey: field('secret key') };
}

describe('sereno projects', () => {
  let folder: string;
  let configPath: string;
  let printed: string[];
  let complaints: string[];

  const run = async (...args: string[]) => {
    printed = [];
    complaints = [];
    return projectsCommand([...args, '--config', configPath]);
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sereno-projects-cli-'));
    configPath = join(folder, 'sereno.yaml');
    // The store is where the server's config puts it, with no --data-dir on either side.
    await writeFile(
      configPath,
      `general_settings:\n  master_key: ${masterKey}\nstorage:\n  data_dir: ${join(folder, 'data')}\n`,
    );
    vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => complaints.push(line));
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await rm(folder, { recursive: true, force: true });
  });

  it('should make an admin pair with a project, member pairs unless --role admin, in the server’s store', async () => {
    expect(await run('create', 'shop')).toBe(0);
    const first = readPrinted(printed);
    expect(await run('keys', 'shop')).toBe(0);
    const member = readPrinted(printed);
    expect(await run('keys', 'shop', '--role', 'admin')).toBe(0);
    const second = readPrinted(printed);

    const sereno = await startSereno(
      `general_settings:\n  master_key: ${masterKey}\n`,
      {},
      { dataDir: join(folder, 'data') },
    );
    const listed = (await fetch(`${sereno.url}/api/admin/projects/shop/keys`, {
      headers: { authorization: `Bearer ${masterKey}` },
    }).then((response) => response.json())) as { data: { publicKey: string; role: string }[] };
    const label = async (keys: PrintedKeys) =>
      (
        await fetch(`${sereno.url}/api/public/v2/prompts`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${keys.secretKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'p', prompt: 'x', labels: ['production'] }),
        })
      ).status;
    const statuses = [await label(first), await label(member), await label(second)];
    await sereno.close();

    expect([first.role, member.role, second.role]).toEqual(['admin', 'member', 'admin']);
    expect(listed.data.map((key) => [key.publicKey, key.role])).toEqual([
      [first.publicKey, 'admin'],
      [member.publicKey, 'member'],
      [second.publicKey, 'admin'],
    ]);
    expect(statuses).toEqual([201, 403, 201]);
  });

  it.each([
    [['keys', 'shop', '--role', 'owner'], '--role must be admin or member, not "owner"'],
    [['create', 'other', '--role', 'member'], '--role is for "sereno projects keys"'],
  ])('should refuse %j with exit code 2', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(complaints.join('\n')).toContain(message);
  });
});
