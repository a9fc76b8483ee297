import { describe, expect, it } from 'vitest';
import { PromptCache } from './prompt-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('PromptCache', () => {
  it('should load a prompt once for readers that ask at the same time, then serve it stored', async () => {
    const cache = new PromptCache<string>(10);
    let loads = 0;
    const load = async () => `value ${++loads}`;

    const together = await Promise.all([
      cache.read('p', 'a', { label: 'production' }, load),
      cache.read('p', 'a', { label: 'production' }, load),
    ]);
    const later = await cache.read('p', 'a', { label: 'production' }, load);

    expect([...together, later, loads]).toEqual(['value 1', 'value 1', 'value 1', 1]);
  });

  it('should keep labels, versions and projects apart', async () => {
    const cache = new PromptCache<string>(10);
    const values = await Promise.all([
      cache.read('p', 'a', { label: 'production' }, async () => 'label'),
      cache.read('p', 'a', { version: 1 }, async () => 'version'),
      cache.read('q', 'a', { label: 'production' }, async () => 'other project'),
    ]);

    expect(values).toEqual(['label', 'version', 'other project']);
  });

  it('should drop a project’s entries on a write, and no other project’s', async () => {
    const cache = new PromptCache<string>(10);
    await cache.read('p', 'a', { label: 'l' }, async () => 'old');
    await cache.read('q', 'a', { label: 'l' }, async () => 'kept');

    cache.invalidate('p');

    expect(await cache.read('p', 'a', { label: 'l' }, async () => 'new')).toBe('new');
    expect(await cache.read('q', 'a', { label: 'l' }, async () => 'reloaded')).toBe('kept');
  });

  it('should not store a load that began before a write, nor let a later reader join it', async () => {
    const cache = new PromptCache<string>(10);
    const slow = deferred<string>();
    const early = cache.read('p', 'a', { label: 'l' }, () => slow.promise);

    cache.invalidate('p');
    const late = cache.read('p', 'a', { label: 'l' }, async () => 'after the write');
    slow.resolve('before the write');

    expect([await early, await late]).toEqual(['before the write', 'after the write']);
    expect(await cache.read('p', 'a', { label: 'l' }, async () => 'reloaded')).toBe(
      'after the write',
    );
  });

  it('should not keep a failed load', async () => {
    const cache = new PromptCache<string>(10);
    await expect(
      cache.read('p', 'a', { label: 'l' }, () => Promise.reject(new Error('store down'))),
    ).rejects.toThrow('store down');

    expect(await cache.read('p', 'a', { label: 'l' }, async () => 'back')).toBe('back');
  });

  it('should start again when full rather than grow', async () => {
    const cache = new PromptCache<string>(2);
    for (const name of ['a', 'b', 'c'])
      await cache.read('p', name, { version: 1 }, async () => name);

    expect(await cache.read('p', 'a', { version: 1 }, async () => 'reloaded')).toBe('reloaded');
    expect(await cache.read('p', 'c', { version: 1 }, async () => 'reloaded')).toBe('c');
  });
});
