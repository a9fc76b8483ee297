/**
 * Watches the text of an OpenAI SSE body as it arrives and says when the first frame with a
 * non-empty `delta.content` has come: the first token, not the role-only opening frame.
 */
export class FirstTokenDetector {
  private pending = '';
  private found = false;

  /** Feeds the next piece of the body; true once the first token has been seen. */
  push(text: string): boolean {
    if (this.found) return true;
    this.pending += text;
    let end = this.pending.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 2);
      if (frameHasContent(frame)) {
        this.found = true;
        this.pending = '';
        return true;
      }
      end = this.pending.indexOf('\n\n');
    }
    return false;
  }
}

function frameHasContent(frame: string): boolean {
  const data = frame
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .join('\n');
  if (data === '' || data === '[DONE]') return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return false;
  }
  const choices = (parsed as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return false;
  const delta = (choices[0] as { delta?: { content?: unknown } } | undefined)?.delta;
  return typeof delta?.content === 'string' && delta.content.length > 0;
}
