import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSereno } from '../helpers/start-sereno.js';
import {
  masterAuth,
  promptApi,
  startPromptSereno,
  type PromptApi,
  type PromptBody,
} from './prompt-http.js';

const versions = 5;
const moves = 60;

describe('label moves under concurrent reads', () => {
  let sereno: TestSereno;
  let api: PromptApi;

  beforeAll(async () => {
    sereno = await startPromptSereno();
    api = promptApi(sereno);
    for (let version = 1; version <= versions; version++) {
      await api.create({ name: 'racer', prompt: `version ${version}` });
    }
    await api.call(
      'PATCH',
      '/api/public/v2/prompts/racer/versions/1',
      { newLabels: ['production'] },
      { authorization: masterAuth },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  it('should never show production on two versions or on none, and serve each move at once', async () => {
    let moving = true;
    const failures: string[] = [];
    let reads = 0;

    const readByLabel = async () => {
      while (moving) {
        const response = await api.call('GET', '/api/public/v2/prompts/racer');
        const body = (await response.json()) as PromptBody;
        reads++;
        if (response.status !== 200) failures.push(`label read answered ${response.status}`);
        else if (!body.labels.includes('production') || body.prompt !== `version ${body.version}`) {
          failures.push(`label read got version ${body.version} with ${body.labels.join(',')}`);
        }
      }
    };
    const readList = async () => {
      while (moving) {
        const response = await api.call(
          'GET',
          '/api/public/v2/prompts?name=racer&label=production',
        );
        const list = (await response.json()) as { data?: { versions: number[] }[] };
        reads++;
        const holders = list.data?.[0]?.versions ?? [];
        if (holders.length !== 1) failures.push(`production on versions [${holders.join(',')}]`);
      }
    };
    const readInProcess = async () => {
      while (moving) {
        const served = await sereno.services.prompts.read(
          sereno.services.defaultProjectId,
          'racer',
          {
            label: 'production',
          },
        );
        reads++;
        if (!served?.prompt.labels.includes('production')) failures.push('in-process read lost it');
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const move = async () => {
      for (let index = 0; index < moves; index++) {
        const target = (index % versions) + 1;
        const moved = await api.call(
          'PATCH',
          `/api/public/v2/prompts/racer/versions/${target}`,
          { newLabels: ['production'] },
          { authorization: masterAuth },
        );
        const next = (await (
          await api.call('GET', '/api/public/v2/prompts/racer')
        ).json()) as PromptBody;
        if (moved.status !== 200) failures.push(`move answered ${moved.status}`);
        if (next.version !== target) failures.push(`moved to ${target}, next read ${next.version}`);
      }
      moving = false;
    };

    await Promise.all([move(), readByLabel(), readByLabel(), readList(), readInProcess()]);

    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(moves);
  });
});
