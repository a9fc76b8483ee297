import type { ServerResponse } from 'node:http';

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** Writes server-sent events on a raw response, with the headers a proxy must not buffer. */
export class SseWriter {
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

  get isOpen(): boolean {
    return !this.response.writableEnded && !this.response.destroyed;
  }

  /** Sends the status and headers, once, before the first event. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
  }

  /**
   * A `data:` event, optionally named with `event:` as Anthropic's stream is. Resolves
   * at once unless the client reads slower than events come, so memory stays bounded.
   */
  async send(data: unknown, event?: string): Promise<void> {
    this.start();
    if (!this.isOpen) return;
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    const frame = event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`;
    if (!this.response.write(frame)) await drained(this.response);
  }

  end(): void {
    this.start();
    if (this.isOpen) this.response.end();
  }
}
