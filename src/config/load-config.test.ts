import { describe, expect, it } from 'vitest';
import { PriceTable } from '../pricing/price-table.js';
import { ConfigError } from './config-error.js';
import { parseConfig } from './load-config.js';
import type { SerenoConfig } from './sereno-config.js';

const environment = {
  OPENAI_API_KEY: 'test-openai-key-from-env',
  PROXY_KEY: 'test-proxy-key-0001',
  LOCAL_HOST: '127.0.0.1:8000',
};

const priceTable = new PriceTable({
  'openai/gpt-4o': { input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 },
});

function load(yaml: string, variables: Record<string, string> = environment): SerenoConfig {
  return parseConfig(yaml, { environment: variables, priceTable });
}

/** The problems a refused config names; fails the test when it loads. */
function problemsOf(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the config loaded, but it should have been refused');
}

const oneModel = `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
`;

describe('parseConfig', () => {
  it.each<[string, string, (config: SerenoConfig) => unknown, unknown]>([
    [
      'num_retries, request_timeout and fallbacks under litellm_settings',
      `${oneModel}litellm_settings:
  num_retries: 4
  request_timeout: 45
  fallbacks: [{"gpt-4o": ["claude"]}]
`,
      (config) => [
        config.router.numRetries,
        config.router.timeoutMs,
        Object.fromEntries(config.router.fallbacks),
      ],
      [4, 45_000, { 'gpt-4o': ['claude'] }],
    ],
    [
      'num_retries, timeout and fallbacks under router_settings',
      `${oneModel}router_settings:
  num_retries: 1
  timeout: 30
  fallbacks:
    - gpt-4o: claude
`,
      (config) => [
        config.router.numRetries,
        config.router.timeoutMs,
        Object.fromEntries(config.router.fallbacks),
      ],
      [1, 30_000, { 'gpt-4o': ['claude'] }],
    ],
    [
      'router_settings over litellm_settings when both set a key',
      `${oneModel}router_settings:
  num_retries: 1
litellm_settings:
  num_retries: 5
`,
      (config) => config.router.numRetries,
      1,
    ],
    [
      'rpm and tpm written on the model entry',
      `${oneModel}    rpm: 60
    tpm: 90000
`,
      (config) => [config.deployments[0]?.rpm, config.deployments[0]?.tpm],
      [60, 90_000],
    ],
    [
      'rpm and tpm written in litellm_params',
      `${oneModel}      rpm: 61
      tpm: 90001
`,
      (config) => [config.deployments[0]?.rpm, config.deployments[0]?.tpm],
      [61, 90_001],
    ],
    [
      'an os.environ/NAME reference',
      `${oneModel}      api_key: os.environ/PROXY_KEY
`,
      (config) => config.deployments[0]?.apiKey,
      'test-proxy-key-0001',
    ],
    [
      'a ${NAME} reference embedded in a URL',
      `${oneModel}      api_base: http://\${LOCAL_HOST}/v1
`,
      (config) => config.deployments[0]?.apiBase,
      'http://127.0.0.1:8000/v1',
    ],
    [
      'a $NAME reference',
      `${oneModel}      api_key: $PROXY_KEY
`,
      (config) => config.deployments[0]?.apiKey,
      'test-proxy-key-0001',
    ],
    [
      'model names with a slash, a colon and spaces',
      `model_list:
  - model_name: openai/gpt-4o
    litellm_params: { model: openai/gpt-4o }
  - model_name: "llama3:8b"
    litellm_params: { model: ollama/llama3:8b }
  - model_name: My Fast Model
    litellm_params: { model: openai/gpt-4o-mini }
`,
      (config) => config.deployments.map((deployment) => deployment.modelName),
      ['openai/gpt-4o', 'llama3:8b', 'My Fast Model'],
    ],
    [
      'keys left empty, as null',
      `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key:
      rpm: null
    model_info:
litellm_settings:
router_settings:
general_settings:
`,
      (config) => [config.deployments[0]?.apiKey, config.deployments[0]?.rpm, config.masterKey],
      ['test-openai-key-from-env', undefined, undefined],
    ],
    [
      'numbers written as strings',
      `${oneModel}      rpm: "100"
      timeout: "30"
      input_cost_per_token: "0.000001"
router_settings:
  num_retries: "3"
server:
  port: "4001"
`,
      (config) => [
        config.deployments[0]?.rpm,
        config.deployments[0]?.timeoutMs,
        config.deployments[0]?.prices.input_cost_per_token,
        config.router.numRetries,
        config.server.port,
      ],
      [100, 30_000, 0.000001, 3, 4001],
    ],
    [
      'a model without a provider prefix as OpenAI',
      `model_list:
  - model_name: turbo
    litellm_params:
      model: gpt-3.5-turbo-1106
`,
      (config) => [config.deployments[0]?.provider, config.deployments[0]?.upstreamModel],
      ['openai', 'gpt-3.5-turbo-1106'],
    ],
    [
      'the other deployments when one has an unsupported provider',
      `${oneModel}  - model_name: titan
    litellm_params:
      model: bedrock/amazon.titan-text-express-v1
      aws_region_name: us-east-1
`,
      (config) => config.deployments.map((deployment) => deployment.modelName),
      ['gpt-4o'],
    ],
    [
      'variables set by environment_variables, the real environment winning',
      `environment_variables:
  PROXY_KEY: from-the-file-0001
  FILE_ONLY_KEY: from-the-file-0002
  VERBOSE: true
${oneModel}      api_key: os.environ/FILE_ONLY_KEY
  - model_name: second
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/PROXY_KEY
`,
      (config) => config.deployments.map((deployment) => deployment.apiKey),
      ['from-the-file-0002', 'test-proxy-key-0001'],
    ],
    [
      'prices from model_info',
      `${oneModel}    model_info:
      input_cost_per_token: 0.000001
      output_cost_per_token: "0.000002"
`,
      (config) => [
        config.deployments[0]?.prices.input_cost_per_token,
        config.deployments[0]?.prices.output_cost_per_token,
      ],
      [0.000001, 0.000002],
    ],
    [
      'prices of model_info.base_model from the price table',
      `model_list:
  - model_name: custom
    litellm_params:
      model: openai/my-fine-tune
    model_info:
      base_model: gpt-4o
`,
      (config) => config.deployments[0]?.prices.output_cost_per_token,
      0.00001,
    ],
    [
      'YAML merge keys, as PyYAML reads them',
      `shared: &shared
  api_base: http://127.0.0.1:9000/v1
  rpm: 10
model_list:
  - model_name: gpt-4o
    litellm_params:
      <<: *shared
      model: openai/gpt-4o
`,
      (config) => [config.deployments[0]?.apiBase, config.deployments[0]?.rpm],
      ['http://127.0.0.1:9000/v1', 10],
    ],
  ])('should load %s', (_name, yaml, read, expected) => {
    expect(read(load(yaml))).toEqual(expected);
  });

  it.each([
    ['SERENO_MASTER_KEY over general_settings.master_key', 'test-master-env', 'test-master-env'],
    ['general_settings.master_key alone', undefined, 'test-master-file'],
  ])('should take %s', (_name, fromEnvironment, expected) => {
    const variables: Record<string, string> = fromEnvironment
      ? { SERENO_MASTER_KEY: fromEnvironment }
      : {};
    const config = load('general_settings:\n  master_key: test-master-file\n', variables);

    expect(config.masterKey).toBe(expected);
  });

  it.each([
    [
      'a model without a provider prefix',
      `model_list:
  - model_name: turbo
    litellm_params: { model: gpt-3.5-turbo }
`,
      'model_list[0].litellm_params.model: "gpt-3.5-turbo" names no known provider; read as openai/gpt-3.5-turbo, an OpenAI-compatible server.',
    ],
    [
      'an unsupported provider',
      `model_list:
  - model_name: titan
    litellm_params: { model: bedrock/amazon.titan-text-express-v1 }
`,
      'model_list[0].litellm_params.model: provider "bedrock" is not supported yet. The deployment is skipped.',
    ],
    [
      'a mode Sereno does not serve',
      `model_list:
  - model_name: dall-e
    litellm_params: { model: openai/dall-e-3 }
    model_info: { mode: image_generation }
`,
      'model_list[0].model_info.mode: "image_generation" is not served; Sereno serves chat, embedding, completion. The deployment is skipped.',
    ],
    [
      'a key of litellm_settings read as one of router_settings',
      `litellm_settings:
  num_retries: 4
`,
      'litellm_settings.num_retries is read as router_settings.num_retries.',
    ],
    [
      'a limit on the model entry read into litellm_params',
      `${oneModel}    rpm: 60
`,
      'model_list[0].rpm is read as model_list[0].litellm_params.rpm.',
    ],
    [
      'a limit on the model entry that litellm_params overrides',
      `${oneModel}      rpm: 61
    rpm: 60
`,
      'model_list[0].rpm is ignored: model_list[0].litellm_params.rpm is also set and wins.',
    ],
    [
      'an environment variable that is not set',
      `${oneModel}      api_key: os.environ/NOT_SET_ANYWHERE
`,
      'model_list[0].litellm_params.api_key refers to the environment variable NOT_SET_ANYWHERE, which is not set.',
    ],
  ])('should warn about %s', (_name, yaml, warning) => {
    expect(load(yaml).warnings).toContain(warning);
  });

  it('should list every key it does not act on in one warning', () => {
    const config = load(`${oneModel}      drop_params: true
    model_info:
      supports_vision: true
litellm_settings:
  drop_params: true
  success_callback: ["langfuse"]
router_settings:
  redis_host: localhost
general_settings:
  database_url: postgresql://localhost/litellm
`);
    const unknown = config.warnings.filter((warning) => warning.startsWith('keys Sereno'));

    expect(unknown).toEqual([
      'keys Sereno does not act on yet, ignored: model_list[0].litellm_params.drop_params, model_list[0].model_info.supports_vision, litellm_settings.drop_params, litellm_settings.success_callback, router_settings.redis_host, general_settings.database_url',
    ]);
  });

  it('should not warn about a config it reads as written', () => {
    expect(load(`${oneModel}      api_key: os.environ/PROXY_KEY\n`).warnings).toEqual([]);
  });

  it.each([
    [
      'invalid YAML',
      `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      model: openai/gpt-4o-mini
`,
      'model_list[0].litellm_params.model (line 5, column 7): Map keys must be unique',
    ],
    [
      'YAML indented with a tab',
      `router_settings:
\tnum_retries: 2
`,
      '(top level) (line 2, column 1): Tabs are not allowed as indentation',
    ],
    [
      'an alias without its anchor',
      `model_list:
  - model_name: gpt-4o
    litellm_params: *params
`,
      'model_list[0].litellm_params (line 3, column 21): Unresolved alias (the anchor must be set before the alias): params',
    ],
    [
      'a top-level list',
      `- model_name: gpt-4o
  litellm_params:
    model: openai/gpt-4o
`,
      '(top level) (line 1, column 1): the file must hold a mapping of keys, such as model_list, not a list or a value',
    ],
    [
      'a model_list that is not a list',
      `model_list:
  model_name: gpt-4o
  litellm_params:
    model: openai/gpt-4o
`,
      'model_list (line 2): Invalid input: expected array, received object',
    ],
    [
      'an entry without litellm_params.model',
      `model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
  - model_name: claude
    litellm_params:
      api_key: os.environ/PROXY_KEY
`,
      'model_list[1].litellm_params.model (line 7): must name the upstream model, as "<provider>/<model>"',
    ],
    [
      'an empty entry, keeping the index of the next one',
      `model_list:
  -
  - model_name: gpt-4o
    litellm_params: { model: openai/gpt-4o, rpm: -1 }
`,
      [
        'model_list[0] (line 2): Invalid input: expected object, received null',
        'model_list[1].litellm_params.rpm (line 4): Too small: expected number to be >=0',
      ],
    ],
    [
      'a negative rpm in litellm_params',
      `${oneModel}      rpm: -5
`,
      'model_list[0].litellm_params.rpm (line 5): Too small: expected number to be >=0',
    ],
    [
      'a negative rpm on the model entry',
      `${oneModel}    tpm: "-5"
`,
      'model_list[0].tpm (line 5): Too small: expected number to be >=0',
    ],
    [
      'an unknown routing strategy',
      `router_settings:
  routing_strategy: round-robin
`,
      'router_settings.routing_strategy (line 2): Invalid option: expected one of "simple-shuffle"|"least-busy"|"latency-based-routing"|"usage-based-routing"|"usage-based-routing-v2"|"cost-based-routing"',
    ],
    [
      'a word where a number belongs',
      `litellm_settings:
  num_retries: three
`,
      'litellm_settings.num_retries (line 2): expected a number',
    ],
  ])('should refuse %s, naming the path and the line', (_name, yaml, problem) => {
    expect(problemsOf(yaml)).toEqual(Array.isArray(problem) ? problem : [problem]);
  });

  it('should name every problem of the file at once', () => {
    const problems = problemsOf(`model_list:
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      rpm: -1
router_settings:
  routing_strategy: round-robin
`);

    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'model_list[0].litellm_params.rpm (line 5)',
      'router_settings.routing_strategy (line 7)',
    ]);
  });

  it('should say in its message which file it refused', () => {
    expect(() => parseConfig('model_list: 3\n', { path: 'sereno.yaml', environment: {} })).toThrow(
      'Cannot use the config sereno.yaml:\n  - model_list (line 1):',
    );
  });
});
