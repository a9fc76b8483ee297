import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { promptsCommand } from '../../src/cli/prompts-command.js';
import type { TestSereno } from '../helpers/start-sereno.js';
import {
  addMemberKeys,
  projectKeys,
  promptApi,
  startPromptSereno,
  type MemberKeys,
  type PromptApi,
} from './prompt-http.js';

describe('sereno prompts', () => {
  let sereno: TestSereno;
  let api: PromptApi;
  let member: MemberKeys;
  let folder: string;
  let printed: string[];
  let complaints: string[];

  const run = (key: string, ...args: string[]) => {
    printed = [];
    complaints = [];
    return promptsCommand([...args, '--url', sereno.url, '--key', key]);
  };

  beforeAll(async () => {
    sereno = await startPromptSereno();
    api = promptApi(sereno);
    member = await addMemberKeys(sereno);
    folder = await mkdtemp(join(tmpdir(), 'sereno-prompts-'));
    await mkdir(join(folder, 'repo', 'support'), { recursive: true });
    await writeFile(
      join(folder, 'repo', 'support', 'sysprompt.md'),
      '---\nconfig: { model: gpt-4o-mini }\ntags: [support]\n---\nYou help {{company}}.\n',
    );
    await writeFile(
      join(folder, 'repo', 'chat.yaml'),
      'name: chat/triage\ntype: chat\nprompt:\n  - role: system\n    content: Sort {{ticket}}.\n  - type: placeholder\n    name: history\n',
    );
  });

  beforeAll(() => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => complaints.push(line));
  });

  afterEach(() => {
    printed = [];
    complaints = [];
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await sereno?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('should push a folder, naming files after their paths, and push nothing when nothing changed', async () => {
    expect(await run(projectKeys.secretKey, 'push', join(folder, 'repo'))).toBe(0);
    expect(printed).toEqual([
      'created\tchat/triage v1\tlatest',
      'created\tsupport/sysprompt v1\tlatest',
    ]);

    await run(projectKeys.secretKey, 'push', join(folder, 'repo'));
    expect(printed).toEqual([
      'unchanged\tchat/triage v1\tlatest',
      'unchanged\tsupport/sysprompt v1\tlatest',
    ]);
    expect((await api.get('support/sysprompt', '?label=latest')).config).toEqual({
      model: 'gpt-4o-mini',
    });
  });

  it('should create a version only for the file that changed, with the labels it names', async () => {
    const path = join(folder, 'repo', 'support', 'sysprompt.md');
    await writeFile(path, '---\nlabels: [staging]\n---\nYou help {{company}}, briefly.\n');

    await run(projectKeys.secretKey, 'push', join(folder, 'repo'));

    expect(printed).toEqual([
      'unchanged\tchat/triage v1\tlatest',
      'created\tsupport/sysprompt v2\tlatest,staging',
    ]);
  });

  it('should name a lone file without a name after the file', async () => {
    const path = join(folder, 'lone.md');
    await writeFile(path, 'Alone.\n');

    await run(projectKeys.secretKey, 'push', path);

    expect(printed).toEqual(['created\tlone v1\tlatest']);
  });

  it('should add a label to an unchanged version, production only with an admin key', async () => {
    const path = join(folder, 'repo', 'support', 'sysprompt.md');
    await writeFile(
      path,
      '---\nlabels: [staging, production]\n---\nYou help {{company}}, briefly.\n',
    );

    expect(await run(member.secretKey, 'push', join(folder, 'repo'))).toBe(1);
    expect(complaints).toEqual([
      `failed\t${path}: Only an admin key of the project or the master key may move the ` +
        'protected label production; this key is a member key.',
      '1 of 2 prompt files failed.',
    ]);
    expect(await run(projectKeys.secretKey, 'push', join(folder, 'repo'))).toBe(0);

    expect(printed).toEqual([
      'unchanged\tchat/triage v1\tlatest',
      'labelled\tsupport/sysprompt v2\tlatest,production,staging',
    ]);
  });

  it('should label a version, then show what changed between two versions', async () => {
    await run(projectKeys.secretKey, 'label', 'support/sysprompt', '1', 'old', 'archive');
    expect(printed).toEqual(['support/sysprompt v1\tarchive,old']);

    const writes: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    await run(projectKeys.secretKey, 'diff', 'support/sysprompt', '1', '2');
    write.mockRestore();

    expect(writes.join('')).toBe(
      [
        '--- support/sysprompt v1',
        '+++ support/sysprompt v2',
        '@@ -1,10 +1,8 @@',
        ' ---',
        ' name: support/sysprompt',
        ' type: text',
        '-config:',
        '-  model: gpt-4o-mini',
        ' tags:',
        '   - support',
        ' ---',
        '-You help {{company}}.',
        '+You help {{company}}, briefly.',
        ' ',
        '',
      ].join('\n'),
    );
  });

  it('should pull every prompt into files that push back unchanged', async () => {
    const pulled = join(folder, 'pulled');
    await run(projectKeys.secretKey, 'pull', '--dir', pulled);

    expect(printed.map((line) => line.split('\t')[0])).toEqual([
      'chat/triage',
      'lone',
      'support/sysprompt',
    ]);
    expect(await readFile(join(pulled, 'support', 'sysprompt.md'), 'utf8')).toBe(
      '---\nname: support/sysprompt\ntype: text\ntags:\n  - support\n---\nYou help {{company}}, briefly.\n',
    );
    await run(projectKeys.secretKey, 'push', pulled);
    expect(printed.every((line) => line.startsWith('unchanged'))).toBe(true);
  });

  it('should pull the version a label picks', async () => {
    const pulled = join(folder, 'by-label');
    await run(
      projectKeys.secretKey,
      'pull',
      'support/sysprompt',
      '--label',
      'old',
      '--dir',
      pulled,
    );

    expect(await readFile(join(pulled, 'support', 'sysprompt.md'), 'utf8')).toContain(
      'You help {{company}}.\n',
    );
  });

  it('should push the other files when one is refused, report each failure and exit 1', async () => {
    const batch = join(folder, 'batch');
    await mkdir(batch);
    await writeFile(join(batch, 'a-guarded.md'), '---\nlabels: [production]\n---\nGuarded.\n');
    await writeFile(join(batch, 'b-dots.md'), '---\nname: a/../b\n---\nDots.\n');
    await writeFile(join(batch, 'c-broken.yaml'), 'prompt: [unclosed\n');
    await writeFile(join(batch, 'd-fine.md'), 'Fine.\n');

    const code = await run(member.secretKey, 'push', batch);

    expect(code).toBe(1);
    expect(printed).toEqual(['created\td-fine v1\tlatest']);
    expect(complaints.map((line) => line.split(':')[0])).toEqual([
      `failed\t${join(batch, 'a-guarded.md')}`,
      `failed\t${join(batch, 'b-dots.md')}`,
      `failed\t${join(batch, 'c-broken.yaml')}`,
      '3 of 4 prompt files failed.',
    ]);
    expect(complaints[1]).toContain('"." or ".."');
    expect(complaints[2]).toContain('not valid YAML');
  });

  it('should stop at the first file when the server refuses the key itself', async () => {
    const code = await run('sk-not-a-key', 'push', join(folder, 'repo'));

    expect(code).toBe(1);
    expect(printed).toEqual([]);
    expect(complaints).toEqual([
      `failed\t${join(folder, 'repo', 'chat.yaml')}: The API key is not valid.`,
      'Stopped: the remaining files would fail the same way.',
    ]);
  });

  it('should say in a dry run whether each file would create a version, and change nothing', async () => {
    const dry = join(folder, 'dry');
    await mkdir(dry);
    await writeFile(join(dry, 'chat.yaml'), await readFile(join(folder, 'repo', 'chat.yaml')));
    await writeFile(join(dry, 'd-fine.md'), '---\nlabels: [beta]\n---\nFine.\n');
    await writeFile(join(dry, 'lone.md'), 'Alone, changed.\n');
    await writeFile(join(dry, 'new-one.md'), 'Brand new.\n');

    expect(await run(member.secretKey, 'push', dry, '--dry-run')).toBe(0);

    expect(printed).toEqual([
      `unchanged\tchat/triage v1\tfrom ${join(dry, 'chat.yaml')}`,
      `would label\td-fine v1\tbeta\tfrom ${join(dry, 'd-fine.md')}`,
      `would create\tlone\ta new version after v1\tfrom ${join(dry, 'lone.md')}`,
      `would create\tnew-one\tits first version\tfrom ${join(dry, 'new-one.md')}`,
    ]);
    expect((await api.call('GET', '/api/public/v2/prompts/new-one?label=latest')).status).toBe(404);
    expect((await api.get('lone', '?label=latest')).version).toBe(1);
  });

  it.each([
    [['push'], 'needs a file or a folder'],
    [['label', 'x', 'two', 'l'], 'VERSION must be a version number'],
    [['launch'], 'Unknown action'],
  ])('should answer %j with usage and exit code 2', async (args, message) => {
    expect(await run(projectKeys.secretKey, ...args)).toBe(2);
    expect(complaints.join('\n')).toContain(message);
  });
});
