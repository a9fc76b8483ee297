import { invalidResponseError } from './upstream-error.js';
import { tryParseJson } from './upstream-http.js';

/**
 * The data of one stream event as a JSON object, for the adapter to check field by field;
 * data that is not JSON, or JSON that is not an object, is an invalid-response error.
 */
export function parseStreamEvent(provider: string, data: string): Record<string, unknown> {
  const parsed = tryParseJson(data);
  if (parsed === undefined) {
    throw invalidResponseError(provider, 'a stream event is not JSON', data);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidResponseError(provider, 'a stream event is not an object', data);
  }
  return parsed as Record<string, unknown>;
}
