import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSereno } from '../helpers/start-sereno.js';
import {
  addMemberKeys,
  masterAuth,
  projectAuth,
  projectKeys,
  promptApi,
  startPromptSereno,
  type MemberKeys,
  type PromptApi,
  type PromptBody,
} from './prompt-http.js';

describe('the prompt API', () => {
  let sereno: TestSereno;
  let api: PromptApi;
  let member: MemberKeys;

  beforeAll(async () => {
    sereno = await startPromptSereno();
    api = promptApi(sereno);
    member = await addMemberKeys(sereno);
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  describe('versions and labels', () => {
    it('should number versions from 1, keep latest on the newest and serve production by default', async () => {
      const first = await api.create({ name: 'greeting', prompt: 'Hello {{name}}' });
      const second = await api.create(
        {
          name: 'greeting',
          prompt: 'Hi {{name}}',
          labels: ['production'],
          commitMessage: 'shorter',
        },
        masterAuth,
      );

      expect([first.version, first.type, first.labels]).toEqual([1, 'text', ['latest']]);
      expect([second.version, second.labels, second.commitMessage]).toEqual([
        2,
        ['latest', 'production'],
        'shorter',
      ]);
      expect(first.createdBy).toBe(projectKeys.publicKey);
      expect(second.createdBy).toBe('admin');
      expect((await api.get('greeting')).prompt).toBe('Hi {{name}}');
      expect((await api.get('greeting', '?version=1')).labels).toEqual([]);
      expect((await api.get('greeting', '?label=latest')).version).toBe(2);
    });

    it('should answer 404 in Langfuse’s envelope for a prompt or label that does not exist', async () => {
      const response = await api.call('GET', '/api/public/v2/prompts/nothing-here');

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        message: "Prompt not found: 'nothing-here' with label 'production'.",
        error: 'not_found',
      });
      expect((await api.call('GET', '/api/public/v2/prompts/greeting?label=staging')).status).toBe(
        404,
      );
    });

    it.each([
      ['both a label and a version', '?label=production&version=1', 'either label or version'],
      ['a version that is not a whole number', '?version=1.5', 'version'],
    ])('should refuse %s with 400', async (_case, query, message) => {
      const response = await api.call('GET', `/api/public/v2/prompts/greeting${query}`);

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toContain(message);
    });

    it('should move a label in one step and keep labels unique per name', async () => {
      await api.create({ name: 'mover', prompt: 'one' });
      await api.create({ name: 'mover', prompt: 'two' });
      const patch = (version: number, labels: string[]) =>
        api.call('PATCH', `/api/public/v2/prompts/mover/versions/${version}`, {
          newLabels: labels,
        });

      expect((await patch(1, ['staging'])).status).toBe(200);
      const moved = (await (await patch(2, ['staging', 'beta'])).json()) as PromptBody;

      expect(moved.labels).toEqual(['beta', 'latest', 'staging']);
      expect((await api.get('mover', '?version=1')).labels).toEqual([]);
      expect((await api.get('mover', '?label=staging')).version).toBe(2);
    });

    it.each([
      ['latest, which Sereno keeps on the newest version', ['latest']],
      ['a label with upper-case letters', ['Staging']],
    ])('should refuse to set %s', async (_case, labels) => {
      const response = await api.call('PATCH', '/api/public/v2/prompts/mover/versions/1', {
        newLabels: labels,
      });

      expect(response.status).toBe(400);
    });

    it('should answer 404 when labelling a version that does not exist', async () => {
      const response = await api.call('PATCH', '/api/public/v2/prompts/mover/versions/9', {
        newLabels: ['x'],
      });

      expect(response.status).toBe(404);
    });

    it('should keep tags the same on every version, and inherit them when a version names none', async () => {
      await api.create({ name: 'tagged', prompt: 'a', tags: ['support', 'en'] });
      const second = await api.create({ name: 'tagged', prompt: 'b' });
      await api.create({ name: 'tagged', prompt: 'c', tags: ['fr'] });

      expect(second.tags).toEqual(['en', 'support']);
      expect((await api.get('tagged', '?version=1')).tags).toEqual(['fr']);
    });

    it('should refuse a version of another type than the versions before it', async () => {
      const response = await api.call('POST', '/api/public/v2/prompts', {
        name: 'greeting',
        type: 'chat',
        prompt: [{ role: 'system', content: 'x' }],
      });

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toContain('are text prompts');
    });
  });

  describe('serving', () => {
    it('should answer 304 to a reader that holds the current ETag, and 200 once the prompt changes', async () => {
      await api.create({ name: 'etagged', prompt: 'one', labels: ['staging'] });
      const path = '/api/public/v2/prompts/etagged?label=staging';

      const first = await api.call('GET', path);
      const etag = first.headers.get('etag') ?? '';
      const again = await api.call('GET', path, undefined, { 'if-none-match': etag });
      await api.create({ name: 'etagged', prompt: 'two', labels: ['staging'] });
      const changed = await api.call('GET', path, undefined, { 'if-none-match': etag });

      expect(etag).toMatch(/^"[\w-]+"$/);
      expect([first.status, again.status, changed.status]).toEqual([200, 304, 200]);
      expect(await again.text()).toBe('');
      expect(((await changed.json()) as PromptBody).prompt).toBe('two');
      expect(changed.headers.get('etag')).not.toBe(etag);
    });

    it('should serve a label moved a moment ago on the very next read', async () => {
      await api.create({ name: 'fresh', prompt: 'one', labels: ['staging'] });
      await api.create({ name: 'fresh', prompt: 'two' });
      expect((await api.get('fresh', '?label=staging')).version).toBe(1);

      await api.call('PATCH', '/api/public/v2/prompts/fresh/versions/2', {
        newLabels: ['staging'],
      });

      expect((await api.get('fresh', '?label=staging')).version).toBe(2);
    });
  });

  describe('chat prompts', () => {
    it('should store messages and placeholders as Langfuse returns them', async () => {
      const created = await api.create({
        name: 'support-chat',
        type: 'chat',
        prompt: [
          { role: 'system', content: 'You help {{company}}.' },
          { type: 'placeholder', name: 'history' },
        ],
        config: { model: 'gpt-4o-mini', temperature: 0.2 },
      });

      expect(created.prompt).toEqual([
        { type: 'chatmessage', role: 'system', content: 'You help {{company}}.' },
        { type: 'placeholder', name: 'history' },
      ]);
      expect(created.config).toEqual({ model: 'gpt-4o-mini', temperature: 0.2 });
    });

    it('should refuse a name used as both a variable and a placeholder', async () => {
      const response = await api.call('POST', '/api/public/v2/prompts', {
        name: 'clash',
        type: 'chat',
        prompt: [
          { role: 'system', content: '{{history}}' },
          { type: 'placeholder', name: 'history' },
        ],
      });

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toContain(
        'history cannot name both a variable and a placeholder',
      );
    });
  });

  describe('names', () => {
    it.each(['support/billing/sysprompt', 'with spaces in it', 'équipe/日本語 プロンプト/ß'])(
      'should store and serve %j, encoded or with plain slashes',
      async (name) => {
        await api.create({ name, prompt: `I am ${name}` });
        const plainPath = name.split('/').map(encodeURIComponent).join('/');
        const plain = (await (
          await api.call('GET', `/api/public/v2/prompts/${plainPath}?label=latest`)
        ).json()) as PromptBody;

        expect((await api.get(name, '?label=latest')).prompt).toBe(`I am ${name}`);
        expect(plain.name).toBe(name);
      },
    );

    it.each([
      ['a pipe, which would end a reference', 'a|b', 'cannot contain "|"'],
      ['an empty folder', 'a//b', 'no "//"'],
      ['a slash at the end', 'a/', 'no "/" at either end'],
      ['a slash at the start', '/a', 'no "/" at either end'],
      ['no name', '', "'name'"],
      ['the name ..', '..', '"." or ".."'],
      ['the name .', '.', '"." or ".."'],
      ['a .. folder', 'a/../../b', '"." or ".."'],
      ['a . folder', 'a/./b', '"." or ".."'],
      ['a .. name in a folder', 'a/..', '"." or ".."'],
      ['a control character', 'a\u0007b', 'control characters'],
      ['a line break', 'a\nb', 'control characters'],
    ])('should refuse a name with %s, naming the problem', async (_case, name, problem) => {
      const response = await api.call('POST', '/api/public/v2/prompts', { name, prompt: 'x' });
      const answer = (await response.json()) as PromptBody;

      expect(response.status).toBe(400);
      expect(answer.error).toBe('invalid_request');
      expect(answer.message).toContain(problem);
    });

    it.each(['...', '.hidden/a', 'v1.2/notes', 'a/b..c'])(
      'should take %j, whose dots URLs leave alone, and serve it back',
      async (name) => {
        const created = await api.call('POST', '/api/public/v2/prompts', { name, prompt: name });

        expect(created.status).toBe(201);
        expect((await api.get(name, '?label=latest')).prompt).toBe(name);
      },
    );
  });

  describe('bodies', () => {
    it('should store a prompt of 2 MB and serve it back unchanged', async () => {
      const huge = 'Ünïcödé line {{v}}\n'.repeat(110_000);
      await api.create({ name: 'huge', prompt: huge });

      expect((await api.get('huge', '?label=latest')).prompt).toBe(huge);
    });

    it('should refuse a body over the body limit with 413', async () => {
      const response = await api.call('POST', '/api/public/v2/prompts', {
        name: 'too-big',
        prompt: 'x'.repeat(11 * 1024 * 1024),
      });

      expect(response.status).toBe(413);
    });

    it.each([
      [
        'a config that is a string',
        { name: 'cfg', prompt: 'x', config: '{"model": "gpt' },
        'config',
      ],
      ['a config that is a list', { name: 'cfg', prompt: 'x', config: [1, 2] }, 'config'],
      [
        'a chat message without content',
        { name: 'cfg', type: 'chat', prompt: [{ role: 'user' }] },
        'prompt[0]',
      ],
      ['an unknown type', { name: 'cfg', type: 'image', prompt: 'x' }, 'type'],
    ])('should refuse %s, naming the field', async (_case, body, field) => {
      const response = await api.call('POST', '/api/public/v2/prompts', body);
      const answer = (await response.json()) as PromptBody;

      expect(response.status).toBe(400);
      expect(answer.message).toContain(field);
    });

    it('should refuse a body that is not valid JSON', async () => {
      const response = await api.call(
        'POST',
        '/api/public/v2/prompts',
        '{"name": "x", "config": {',
      );

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).error).toBe('invalid_json');
    });
  });

  describe('references', () => {
    it('should write referenced prompts in when read, and leave them as written with resolve=false', async () => {
      await api.create({ name: 'legal', prompt: 'Terms apply.', labels: ['staging'] });
      await api.create({
        name: 'footer',
        prompt: 'Bye {{name}}. @@@langfusePrompt:name=legal|label=staging@@@',
      });
      const root = await api.create({
        name: 'with-footer',
        prompt: 'Hello. @@@langfusePrompt:name=footer|version=1@@@',
      });

      const resolved = await api.get('with-footer', '?label=latest');
      const raw = await api.get('with-footer', '?label=latest&resolve=false');

      expect(resolved.prompt).toBe('Hello. Bye {{name}}. Terms apply.');
      expect(resolved.resolutionGraph).toEqual({
        root: { id: root.id, name: 'with-footer', version: 1 },
        dependencies: {
          [root.id]: [{ id: expect.any(String), name: 'footer', version: 1 }],
          [(await api.get('footer', '?version=1')).id]: [
            { id: expect.any(String), name: 'legal', version: 1 },
          ],
        },
      });
      expect(raw.prompt).toBe('Hello. @@@langfusePrompt:name=footer|version=1@@@');
      expect(raw.resolutionGraph).toBeNull();
    });

    it('should refuse a prompt that references itself, showing the cycle', async () => {
      const response = await api.call('POST', '/api/public/v2/prompts', {
        name: 'narcissus',
        prompt: 'Me: @@@langfusePrompt:name=narcissus|label=production@@@',
      });

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toBe(
        "Prompt references form a cycle: narcissus v1 → narcissus (label 'production').",
      );
    });

    it('should refuse a version that closes a cycle through another prompt', async () => {
      await api.create({ name: 'ping', prompt: 'ping' }, masterAuth);
      await api.create({ name: 'pong', prompt: '@@@langfusePrompt:name=ping|label=latest@@@' });
      const response = await api.call('POST', '/api/public/v2/prompts', {
        name: 'ping',
        prompt: '@@@langfusePrompt:name=pong|label=latest@@@',
      });

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toBe(
        "Prompt references form a cycle: ping v2 → pong v1 → ping (label 'latest').",
      );
    });

    it('should refuse a label move that closes a cycle, and leave the label where it was', async () => {
      await api.create({ name: 'x', prompt: 'x1', labels: ['live'] });
      await api.create({ name: 'y', prompt: 'y1', labels: ['live'] });
      await api.create({ name: 'y', prompt: '@@@langfusePrompt:name=x|label=live@@@' });
      await api.create({ name: 'x', prompt: '@@@langfusePrompt:name=y|label=live@@@' });

      const response = await api.call('PATCH', '/api/public/v2/prompts/y/versions/2', {
        newLabels: ['live'],
      });

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toBe(
        "Prompt references form a cycle: x v2 → y v2 → x (label 'live').",
      );
      expect((await api.get('y', '?label=live')).version).toBe(1);
    });

    it('should refuse a reference to a chat prompt or to nothing', async () => {
      for (const target of ['support-chat', 'no-such-prompt']) {
        const response = await api.call('POST', '/api/public/v2/prompts', {
          name: 'bad-reference',
          prompt: `@@@langfusePrompt:name=${target}|label=latest@@@`,
        });
        expect(response.status).toBe(400);
      }
    });
  });

  describe('protected labels', () => {
    it('should let a member key create versions and move other labels, but not set, move or delete production', async () => {
      const asMember = { authorization: member.auth };
      await api.create({ name: 'guarded', prompt: 'v1' }, member.auth);
      await api.create({ name: 'guarded', prompt: 'v2' }, member.auth);

      const create = await api.call(
        'POST',
        '/api/public/v2/prompts',
        { name: 'guarded', prompt: 'v3', labels: ['production'] },
        asMember,
      );
      const move = await api.call(
        'PATCH',
        '/api/public/v2/prompts/guarded/versions/2',
        { newLabels: ['production'] },
        asMember,
      );
      const staging = await api.call(
        'PATCH',
        '/api/public/v2/prompts/guarded/versions/2',
        { newLabels: ['staging'] },
        asMember,
      );
      const asMaster = await api.call(
        'PATCH',
        '/api/public/v2/prompts/guarded/versions/1',
        { newLabels: ['production'] },
        { authorization: masterAuth },
      );
      const remove = await api.call(
        'DELETE',
        '/api/public/v2/prompts/guarded?version=1',
        undefined,
        asMember,
      );

      expect([create.status, move.status, staging.status, asMaster.status, remove.status]).toEqual([
        403, 403, 200, 200, 403,
      ]);
      expect(await move.json()).toEqual({
        message:
          'Only an admin key of the project or the master key may move the protected label ' +
          'production; this key is a member key.',
        error: 'permission_denied',
      });
      expect((await api.get('guarded')).version).toBe(1);
    });

    it('should let the admin key pair declared at startup set, move and delete production', async () => {
      const created = await api.call('POST', '/api/public/v2/prompts', {
        name: 'admin-guarded',
        prompt: 'v1',
        labels: ['production'],
      });
      await api.create({ name: 'admin-guarded', prompt: 'v2' });
      const moved = await api.call('PATCH', '/api/public/v2/prompts/admin-guarded/versions/2', {
        newLabels: ['production'],
      });
      const servedAfterMove = (await api.get('admin-guarded')).version;
      const removed = await api.call('DELETE', '/api/public/v2/prompts/admin-guarded?version=2');

      expect([created.status, moved.status, servedAfterMove, removed.status]).toEqual([
        201, 200, 2, 204,
      ]);
      expect((await api.call('GET', '/api/public/v2/prompts/admin-guarded')).status).toBe(404);
    });

    it('should let admin keys choose the protected labels, and refuse member keys', async () => {
      const put = (labels: string[], authorization: string) =>
        api.call('PUT', '/api/admin/prompts/protected-labels', { labels }, { authorization });

      expect((await put(['staging'], member.auth)).status).toBe(403);
      expect(await (await put(['staging', 'prod-eu'], projectAuth)).json()).toEqual({
        labels: ['prod-eu', 'staging'],
      });
      const production = await api.call(
        'PATCH',
        '/api/public/v2/prompts/guarded/versions/2',
        { newLabels: ['production'] },
        { authorization: member.auth },
      );
      const staging = await api.call(
        'PATCH',
        '/api/public/v2/prompts/guarded/versions/1',
        { newLabels: ['staging'] },
        { authorization: member.auth },
      );
      await put(['production'], masterAuth);

      expect([production.status, staging.status]).toEqual([200, 403]);
      expect(await (await api.call('GET', '/api/admin/prompts/protected-labels')).json()).toEqual({
        labels: ['production'],
      });
    });
  });

  describe('deletion', () => {
    it('should delete by version and move latest to the newest version left', async () => {
      for (const text of ['a', 'b', 'c']) await api.create({ name: 'doomed', prompt: text });

      const response = await api.call('DELETE', '/api/public/v2/prompts/doomed?version=3');

      expect(response.status).toBe(204);
      expect((await api.get('doomed', '?label=latest')).version).toBe(2);
    });

    it('should delete the version a label is on, then every version', async () => {
      await api.call('PATCH', '/api/public/v2/prompts/doomed/versions/1', { newLabels: ['old'] });

      expect((await api.call('DELETE', '/api/public/v2/prompts/doomed?label=old')).status).toBe(
        204,
      );
      expect((await api.get('doomed', '?version=1')).message).toContain('not found');
      expect((await api.call('DELETE', '/api/public/v2/prompts/doomed')).status).toBe(204);
      expect((await api.call('DELETE', '/api/public/v2/prompts/doomed')).status).toBe(404);
    });

    it('should refuse to delete a version another prompt references', async () => {
      const response = await api.call('DELETE', '/api/public/v2/prompts/legal');

      expect(response.status).toBe(400);
      expect(((await response.json()) as PromptBody).message).toContain(
        'footer v1 references legal label staging',
      );
    });
  });

  describe('the list', () => {
    it('should list names with their versions, labels and tags, filtered and paged', async () => {
      const list = async (query: string) =>
        (await (await api.call('GET', `/api/public/v2/prompts${query}`)).json()) as {
          data: { name: string; versions: number[]; labels: string[]; type: string }[];
          meta: Record<string, number>;
        };

      const byName = await list('?name=mover');
      const staged = await list('?label=staging');
      const tagged = await list('?tag=fr');
      const paged = await list('?limit=2&page=2');

      expect(byName.data).toEqual([
        expect.objectContaining({
          name: 'mover',
          type: 'text',
          versions: [1, 2],
          labels: ['beta', 'latest', 'staging'],
          lastConfig: {},
        }),
      ]);
      expect(staged.data.every((item) => item.labels.includes('staging'))).toBe(true);
      expect(staged.data.find((item) => item.name === 'mover')?.versions).toEqual([2]);
      expect(tagged.data.map((item) => item.name)).toEqual(['tagged']);
      expect(paged.meta).toEqual({
        page: 2,
        limit: 2,
        totalItems: expect.any(Number),
        totalPages: Math.ceil((paged.meta.totalItems ?? 0) / 2),
      });
      expect(paged.data).toHaveLength(2);
    });
  });

  describe('projects', () => {
    it('should keep each project’s prompts to itself', async () => {
      const created = (await (
        await fetch(`${sereno.url}/api/admin/projects`, {
          method: 'POST',
          headers: { authorization: masterAuth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'other-team' }),
        })
      ).json()) as { secretKey: string };
      const otherAuth = `Bearer ${created.secretKey}`;

      expect((await api.get('greeting', '', otherAuth)).error).toBe('not_found');
      const theirs = await api.create({ name: 'greeting', prompt: 'Other team' }, otherAuth);
      const asMaster = await api.call(
        'GET',
        '/api/public/v2/prompts/greeting?label=latest',
        undefined,
        {
          authorization: masterAuth,
          'x-sereno-project': 'other-team',
        },
      );

      expect(theirs.version).toBe(1);
      expect(((await asMaster.json()) as PromptBody).prompt).toBe('Other team');
      expect((await api.get('greeting', '?label=latest')).prompt).toBe('Hi {{name}}');
    });
  });
});
