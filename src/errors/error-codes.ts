/**
 * Every error code Sereno puts in an error body. `docs/errors.md` lists the same codes;
 * a test fails when the two drift apart.
 */
export const errorCodes = {
  invalid_json: 'The request body is not valid JSON.',
  invalid_utf8: 'The request body is not valid UTF-8.',
  invalid_request: 'The request body or a parameter does not match the schema.',
  body_too_large: 'The request body is larger than the configured limit.',
  unsupported_parameter: 'A parameter is not supported by the model or provider.',
  missing_api_key: 'No API key was sent.',
  invalid_api_key: 'The API key is not valid.',
  permission_denied: 'The key may not perform this action.',
  model_not_found: 'No model group with this name is configured.',
  prompt_not_found: 'The managed prompt a chat request names does not exist in its project.',
  prompt_variables_missing: 'The managed prompt needs variables or placeholders the request lacks.',
  not_found: 'The route or the requested object does not exist.',
  method_not_allowed: 'The route exists but not for this HTTP method.',
  context_length_exceeded: 'The request does not fit in the model context window.',
  content_filter: 'The provider refused the request or answer with its content filter.',
  rate_limited: 'Too many requests; retry after the time in the Retry-After header.',
  trace_queue_full:
    'The trace queue is full; nothing of the batch was stored. Retry after the time in Retry-After.',
  unsupported_event_type: 'An ingestion event has a type Sereno does not know.',
  event_too_large: 'An ingestion event is larger than the most Sereno takes for one event.',
  upstream_bad_request: 'The provider refused the request as invalid.',
  upstream_authentication: 'The provider refused the credentials of the deployment.',
  upstream_permission: 'The provider denied access to the model or feature.',
  upstream_not_found: 'The provider does not know the model or route.',
  upstream_rate_limited: 'The provider answered with a rate limit.',
  upstream_overloaded: 'The provider is overloaded.',
  upstream_error: 'The provider failed with a server error.',
  upstream_timeout: 'The provider did not answer in time.',
  upstream_connection_error: 'The provider could not be reached or dropped the connection.',
  upstream_invalid_response: 'The provider answered with something that is not its wire format.',
  client_closed_request: 'The client closed the connection before the answer was complete.',
  internal_error: 'Sereno failed; the detail is in its log under the request id.',
} as const;

export type ErrorCode = keyof typeof errorCodes;
