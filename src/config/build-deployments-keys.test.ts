import { describe, expect, it } from 'vitest';
import { PriceTable } from '../pricing/price-table.js';
import { buildDeployments } from './build-deployments.js';
import { modelEntrySchema } from './config-file-schema.js';

const environment = {
  OPENAI_API_KEY: 'sk-real-openai-key-0001',
  AZURE_API_KEY: 'azure-key-0001',
  HOSTED_VLLM_API_KEY: 'vllm-key-0001',
};

function keyOf(params: Record<string, unknown>, unset: string[] = []) {
  const entry = modelEntrySchema.parse({ model_name: 'group', litellm_params: params });
  const built = buildDeployments([entry], environment, new PriceTable({}), new Set(unset));
  return { key: built.deployments[0]?.apiKey, warnings: built.warnings };
}

describe('the key a deployment sends', () => {
  it.each([
    ['its own api_key', { model: 'openai/x', api_key: 'own-key-0001' }, 'own-key-0001'],
    [
      'the provider variable at the provider’s own address',
      { model: 'openai/gpt-4o' },
      'sk-real-openai-key-0001',
    ],
    [
      'the provider variable when api_base repeats the default',
      { model: 'openai/gpt-4o', api_base: 'https://api.openai.com/v1/' },
      'sk-real-openai-key-0001',
    ],
    [
      'nothing to another host speaking OpenAI’s API',
      { model: 'openai/x', api_base: 'http://127.0.0.1:9/v1' },
      undefined,
    ],
    [
      'nothing to an unknown-prefix model on another host',
      { model: 'my-org/x', api_base: 'http://127.0.0.1:9/v1' },
      undefined,
    ],
    [
      'the Azure variable to the Azure resource',
      { model: 'azure/gpt', api_base: 'https://r.openai.azure.com' },
      'azure-key-0001',
    ],
    [
      'the vLLM variable to its server',
      { model: 'hosted_vllm/llama', api_base: 'http://127.0.0.1:8000' },
      'vllm-key-0001',
    ],
  ])('should send %s', (_name, params, expected) => {
    expect(keyOf(params).key).toBe(expected);
  });

  it('should say why no key goes to another host', () => {
    const { warnings } = keyOf({ model: 'openai/x', api_base: 'http://127.0.0.1:9/v1' });
    expect(warnings.join('\n')).toMatch(/no key is sent to http:\/\/127\.0\.0\.1:9\/v1/);
  });

  it('should send no key when api_key names an unset variable, rather than the provider’s', () => {
    const { key } = keyOf({ model: 'openai/gpt-4o' }, ['model_list[0].litellm_params.api_key']);
    expect(key).toBeUndefined();
  });
});
