import { describe, expect, it } from 'vitest';
import { PriceTable } from '../pricing/price-table.js';
import { buildDeployments } from './build-deployments.js';
import { modelEntrySchema, type ModelEntry } from './config-file-schema.js';

const priceTable = new PriceTable({
  'openai/gpt-4o': { input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 },
});

function entry(params: Record<string, unknown>, extra: Record<string, unknown> = {}): ModelEntry {
  return modelEntrySchema.parse({ model_name: 'group', litellm_params: params, ...extra });
}

function build(entries: ModelEntry[], environment: Record<string, string> = {}) {
  return buildDeployments(entries, environment, priceTable);
}

describe('buildDeployments', () => {
  it.each([
    ['a known provider prefix', 'groq/llama-3.1-8b-instant', 'groq', 'llama-3.1-8b-instant'],
    ['no prefix, as OpenAI', 'gpt-4o', 'openai', 'gpt-4o'],
    ['an unknown prefix, as an OpenAI model', 'my-org/llama-3', 'openai', 'my-org/llama-3'],
    [
      'a model whose own name has slashes',
      'openrouter/meta-llama/llama-3',
      'openrouter',
      'meta-llama/llama-3',
    ],
  ])('should read %s', (_name, model, provider, upstreamModel) => {
    const [deployment] = build([entry({ model, api_base: 'http://127.0.0.1:1/v1' })]).deployments;

    expect([deployment?.provider, deployment?.upstreamModel]).toEqual([provider, upstreamModel]);
  });

  it.each([
    ['an unsupported provider', entry({ model: 'vertex_ai/gemini-pro' }), 'not supported yet'],
    ['a provider with no default address', entry({ model: 'hosted_vllm/llama' }), 'api_base'],
    [
      'a mode Sereno does not serve',
      entry({ model: 'openai/whisper-1' }, { model_info: { mode: 'audio_transcription' } }),
      '"audio_transcription" is not served',
    ],
  ])('should skip %s with a warning and keep the others', (_name, skipped, warning) => {
    const built = build([skipped, entry({ model: 'openai/gpt-4o' })]);

    expect(built.deployments.map((deployment) => deployment.upstreamModel)).toEqual(['gpt-4o']);
    expect(built.warnings.join('\n')).toContain(warning);
  });

  it('should take the key from the provider environment variable when none is set', () => {
    const built = build([entry({ model: 'openai/gpt-4o' })], { OPENAI_API_KEY: 'test-env-key' });

    expect(built.deployments[0]?.apiKey).toBe('test-env-key');
  });

  it('should append /v1 to a bare origin for servers whose OpenAI routes live there', () => {
    const built = build([entry({ model: 'ollama/llama3', api_base: 'http://127.0.0.1:11434/' })]);

    expect(built.deployments[0]?.apiBase).toBe('http://127.0.0.1:11434/v1');
  });

  it('should lay litellm_params prices over model_info ones, over the price table', () => {
    const built = build([
      entry(
        { model: 'openai/gpt-4o', output_cost_per_token: 0.00003 },
        { model_info: { input_cost_per_token: 0.000002, output_cost_per_token: 0.00002 } },
      ),
    ]);

    expect(built.deployments[0]?.prices).toMatchObject({
      input_cost_per_token: 0.000002,
      output_cost_per_token: 0.00003,
    });
  });

  it('should warn when a deployment has no price at all', () => {
    const built = build([entry({ model: 'openai/my-fine-tune' })]);

    expect(built.warnings).toContain(
      'model_list[0]: no price is known for openai/my-fine-tune; its calls are stored with a cost of 0. Set input_cost_per_token and output_cost_per_token to price them.',
    );
  });

  it('should keep deployment ids unique with a suffix', () => {
    const built = build([entry({ model: 'openai/gpt-4o' }), entry({ model: 'openai/gpt-4o' })]);

    expect(built.deployments.map((deployment) => deployment.id)).toEqual([
      'openai/gpt-4o',
      'openai/gpt-4o-2',
    ]);
  });

  it('should turn timeouts in seconds into milliseconds', () => {
    const built = build([entry({ model: 'openai/gpt-4o', timeout: 1.5, stream_timeout: 20 })]);

    expect([built.deployments[0]?.timeoutMs, built.deployments[0]?.streamTimeoutMs]).toEqual([
      1500, 20_000,
    ]);
  });
});
