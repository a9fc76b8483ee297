import { samplingParameterNames } from '../wire/openai/sampling-parameter-names.js';

/** What a trace shows as model parameters: the sampling ones, and whether it streamed. */
const parameterNames = [...samplingParameterNames, 'stream'] as const;

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
