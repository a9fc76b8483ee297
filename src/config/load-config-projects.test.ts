import { describe, expect, it } from 'vitest';
import { PriceTable } from '../pricing/price-table.js';
import { parseConfig } from './load-config.js';

const priceTable = new PriceTable({});
const load = (yaml: string, environment: Record<string, string> = {}) =>
  parseConfig(yaml, { environment, priceTable });

describe('parseConfig: the default project', () => {
  it('should read init_project from the file', () => {
    const config = load(
      'init_project:\n  name: shop\n  public_key: pk-shop\n  secret_key: os.environ/SHOP_SECRET\n',
      { SHOP_SECRET: 'sk-shop-secret-value' },
    );
    expect(config.initProject).toEqual({
      name: 'shop',
      publicKey: 'pk-shop',
      secretKey: 'sk-shop-secret-value',
    });
  });

  it('should let SERENO_INIT_PROJECT_* override the file, field by field', () => {
    const config = load('init_project:\n  name: shop\n  public_key: pk-shop\n', {
      SERENO_INIT_PROJECT_NAME: 'store',
      SERENO_INIT_PROJECT_SECRET_KEY: 'sk-from-environment',
    });
    expect(config.initProject).toEqual({
      name: 'store',
      publicKey: 'pk-shop',
      secretKey: 'sk-from-environment',
    });
  });

  it('should declare no project when neither says anything', () => {
    expect(load('model_list: []\n').initProject).toBeUndefined();
  });
});

describe('parseConfig: router lists that name no model', () => {
  it('should warn about every fallback that no deployment serves', () => {
    const config = load(`
model_list:
  - model_name: a
    litellm_params:
      model: openai/gpt-4o
router_settings:
  fallbacks: [{a: [ghost]}]
  default_fallbacks: [phantom]
`);
    expect(config.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/fallbacks names ghost, which no model_list entry serves/),
        expect.stringMatching(/default_fallbacks names phantom/),
      ]),
    );
  });
});

describe('parseConfig: max_retries', () => {
  it('should say that a deployment’s own max_retries is not acted on', () => {
    const config = load(`
model_list:
  - model_name: a
    litellm_params:
      model: openai/gpt-4o
      max_retries: 5
`);
    expect(config.warnings.join('\n')).toContain('model_list[0].litellm_params.max_retries');
  });
});
