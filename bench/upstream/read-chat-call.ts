import type { ChatCall } from './completion-payloads.js';

/** Reads the few fields the upstream needs from a chat request body; undefined if unreadable. */
export function readChatCall(text: string): ChatCall | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || typeof parsed.model !== 'string' || !Array.isArray(parsed.messages)) {
    return undefined;
  }

  let promptCharacters = 0;
  for (const message of parsed.messages) {
    if (isRecord(message) && typeof message.content === 'string') {
      promptCharacters += message.content.length;
    }
  }
  const streamOptions = parsed.stream_options;
  return {
    model: parsed.model,
    stream: parsed.stream === true,
    includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
    promptCharacters,
    messageCount: parsed.messages.length,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
