/**
 * The chat request fields that shape how a model samples its answer: what a trace shows as
 * a generation's model parameters, and what a managed prompt's config may set.
 */
export const samplingParameterNames = [
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'n',
  'presence_penalty',
  'frequency_penalty',
  'tool_choice',
  'response_format',
  'reasoning_effort',
] as const;
