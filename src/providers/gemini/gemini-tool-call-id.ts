import { randomBytes } from 'node:crypto';

const signatureMarker = '__ts_';

/**
 * A tool call id for a Gemini function call. Gemini gives its calls no id that clients
 * could echo, so one is made up. Thinking models also attach a `thoughtSignature` that
 * must come back with the call on the next turn (Gemini 3 answers 400 without it); OpenAI's
 * wire format has no field for it, so it rides in the id, URL-safe, and
 * `thoughtSignatureOf` takes it out again when the client sends the conversation back.
 * Such ids are long (hundreds of characters); clients treat ids as opaque, so this holds
 * for any client that echoes ids unchanged.
 */
export function newToolCallId(thoughtSignature?: string): string {
  const id = `call_${randomBytes(12).toString('hex')}`;
  if (!thoughtSignature) return id;
  return `${id}${signatureMarker}${Buffer.from(thoughtSignature, 'base64').toString('base64url')}`;
}

/** The thought signature carried in a tool call id made by `newToolCallId`, if any. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(signatureMarker);
  if (at < 0 || !toolCallId.startsWith('call_')) return undefined;
  const encoded = toolCallId.slice(at + signatureMarker.length);
  return encoded ? Buffer.from(encoded, 'base64url').toString('base64') : undefined;
}
