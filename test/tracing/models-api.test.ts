import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSereno, type TestSereno } from '../helpers/start-sereno.js';
import { basicAuth } from './ingestion-batches.js';

const keys = { name: 'models', publicKey: 'pk-lf-models', secretKey: 'sk-lf-models-secret-7' };
const auth = basicAuth(keys.publicKey, keys.secretKey);

interface ModelBody {
  id: string;
  modelName: string;
  matchPattern: string;
  startDate: string | null;
  unit: string;
  inputPrice: number | null;
  outputPrice: number | null;
  totalPrice: number | null;
  isLangfuseManaged: boolean;
  prices: Record<string, { price: number }>;
}

describe('the models API', () => {
  let sereno: TestSereno;

  beforeAll(async () => {
    sereno = await startSereno(
      'general_settings:\n  master_key: sk-models-master\n',
      {},
      {
        initProject: keys,
      },
    );
  });

  afterAll(async () => {
    await sereno?.stop();
  });

  const call = (method: string, path: string, body?: unknown, authorization = auth) =>
    fetch(`${sereno.url}/api/public/models${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('should create, read, list and delete a project’s model price in Langfuse’s shape', async () => {
    const created = (await (
      await call('POST', '', {
        modelName: 'tuned-7b',
        matchPattern: '(?i)^tuned-7b$',
        startDate: '2026-01-01',
        unit: 'TOKENS',
        inputPrice: 0.000001,
        outputPrice: 0.000004,
        tokenizerId: 'openai',
      })
    ).json()) as ModelBody;
    const read = (await (await call('GET', `/${created.id}`)).json()) as ModelBody;
    const list = (await (await call('GET', '?page=1&limit=10')).json()) as {
      data: ModelBody[];
      meta: { totalItems: number; page: number; limit: number; totalPages: number };
    };
    const deleted = await call('DELETE', `/${created.id}`);
    const after = await call('GET', `/${created.id}`);

    expect(created).toMatchObject({
      modelName: 'tuned-7b',
      startDate: '2026-01-01T00:00:00.000Z',
      inputPrice: 0.000001,
      outputPrice: 0.000004,
      totalPrice: null,
      isLangfuseManaged: false,
      prices: { input: { price: 0.000001 }, output: { price: 0.000004 } },
    });
    expect(read).toEqual(created);
    expect(list.data.map((model) => model.id)).toContain(created.id);
    expect(list.meta).toMatchObject({ page: 1, limit: 10, totalItems: 1, totalPages: 1 });
    expect(await deleted.json()).toEqual({ message: 'Model successfully deleted' });
    expect(after.status).toBe(404);
  });

  it('should take one default pricing tier with prices by usage key', async () => {
    const response = await call('POST', '', {
      modelName: 'cached',
      matchPattern: 'cached',
      unit: 'TOKENS',
      pricingTiers: [
        {
          name: 'Standard',
          isDefault: true,
          priority: 0,
          conditions: [],
          prices: { input: 1, input_cache_read: 0.1 },
        },
      ],
    });

    expect((await response.json()) as ModelBody).toMatchObject({
      inputPrice: 1,
      prices: { input: { price: 1 }, input_cache_read: { price: 0.1 } },
    });
  });

  it.each([
    ['a pattern that is not a regular expression', { matchPattern: '(' }, 'matchPattern'],
    ['a total price beside an input price', { inputPrice: 1, totalPrice: 2 }, 'totalPrice'],
    [
      'a tier with conditions',
      {
        pricingTiers: [
          {
            name: 'long',
            priority: 1,
            conditions: [{ usageDetailPattern: 'input', operator: 'gt', value: 1 }],
            prices: { input: 1 },
          },
        ],
      },
      'pricingTiers',
    ],
    ['an unknown unit', { unit: 'PAGES' }, 'unit'],
  ])('should refuse %s with 400', async (_name, fields, param) => {
    const response = await call('POST', '', {
      modelName: 'bad',
      matchPattern: 'bad',
      unit: 'TOKENS',
      ...fields,
    });
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(400);
    expect(body.message).toContain(param);
  });

  it('should keep each project’s prices to itself', async () => {
    const created = (await (
      await call('POST', '', {
        modelName: 'mine',
        matchPattern: 'mine',
        unit: 'TOKENS',
        inputPrice: 1,
      })
    ).json()) as ModelBody;

    const project = (await (
      await fetch(`${sereno.url}/api/admin/projects`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-models-master', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'other-team' }),
      })
    ).json()) as { publicKey: string; secretKey: string };

    const other = await call(
      'GET',
      `/${created.id}`,
      undefined,
      basicAuth(project.publicKey, project.secretKey),
    );

    expect(other.status).toBe(404);
  });
});
