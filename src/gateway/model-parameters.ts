const parameterNames = [
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
  'stream',
] as const;

/**
 * The sampling parameters of a request, as Langfuse shows them: scalars as they are,
 * anything structured as JSON text.
 */
export function modelParametersOf(request: Record<string, unknown>): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const name of parameterNames) {
    const value = request[name];
    if (value === undefined || value === null) continue;
    parameters[name] =
      typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return parameters;
}
