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

  const run = (key: string, ...args: string[]) => {
    printed = [];
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
  });

  afterEach(() => {
    printed = [];
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

    await expect(run(member.secretKey, 'push', join(folder, 'repo'))).rejects.toThrow(
      'Only an admin key of the project or the master key may move the protected label ' +
        'production; this key is a member key.',
    );
    await run(projectKeys.secretKey, 'push', join(folder, 'repo'));

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

  it.each([
    [['push'], 'needs a file or a folder'],
    [['label', 'x', 'two', 'l'], 'VERSION must be a version number'],
    [['launch'], 'Unknown action'],
  ])('should answer %j with usage and exit code 2', async (args, message) => {
    const errors: string[] = [];
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((line: string) => errors.push(line));

    expect(await run(projectKeys.secretKey, ...args)).toBe(2);
    error.mockRestore();
    expect(errors.join('\n')).toContain(message);
  });
});
