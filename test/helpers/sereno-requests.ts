import type { TestSereno } from './start-sereno.js';

/** `GET /api/public/traces/{id}` as the caller with this Authorization header reads it. */
export async function readTrace<T>(
  sereno: TestSereno,
  traceId: string | null,
  authorization: string,
): Promise<T> {
  const response = await fetch(`${sereno.url}/api/public/traces/${traceId}`, {
    headers: { authorization },
  });
  return (await response.json()) as T;
}

/** `POST /v1/chat/completions` with a JSON body, as a client without an SDK sends it. */
export function postChat(
  sereno: TestSereno,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${sereno.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
