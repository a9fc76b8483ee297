import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received, as the test may inspect it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
  /** When the connection of this request closed, epoch ms; set by the server. */
  closedAt?: number;
}

/**
 * What the fake does with one request. Scripts cover the wire and its faults: an answer,
 * an SSE stream that may stall or be cut, a reset connection, a request left hanging.
 */
export type Script =
  | {
      kind: 'json';
      status?: number;
      headers?: Record<string, string>;
      body: unknown;
      delayMs?: number;
    }
  | {
      kind: 'raw';
      status?: number;
      headers?: Record<string, string>;
      text: string;
      delayMs?: number;
    }
  | {
      kind: 'sse';
      /** Whole SSE frames, each ending with a blank line. */
      frames: string[];
      headers?: Record<string, string>;
      delayMs?: number;
      intervalMs?: number;
      /** Destroys the connection after this many frames, without ending the stream. */
      cutAfter?: number;
      /** Stops sending (but keeps the connection open) after this many frames. */
      stallAfter?: number;
    }
  | { kind: 'reset' }
  | { kind: 'hang' };

export type Responder = (request: RecordedRequest) => Script;

export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  /** Scripts used, in order, before the default responder. */
  enqueue(...scripts: Script[]): void;
  /** Replaces the default responder for the requests after the queue is empty. */
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  let body: unknown = undefined;
  try {
    body = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    body = undefined;
  }
  return {
    method: request.method ?? 'GET',
    path: request.url ?? '/',
    headers: request.headers,
    body,
    rawBody,
  };
}

async function play(
  script: Script,
  response: ServerResponse,
  hanging: Set<ServerResponse>,
): Promise<void> {
  switch (script.kind) {
    case 'json':
    case 'raw': {
      if (script.delayMs) await sleep(script.delayMs);
      const text = script.kind === 'json' ? JSON.stringify(script.body) : script.text;
      response.writeHead(script.status ?? 200, {
        'content-type': script.kind === 'json' ? 'application/json' : 'text/plain',
        ...script.headers,
      });
      response.end(text);
      return;
    }
    case 'sse': {
      if (script.delayMs) await sleep(script.delayMs);
      response.writeHead(200, { 'content-type': 'text/event-stream', ...script.headers });
      for (let index = 0; index < script.frames.length; index++) {
        if (script.cutAfter !== undefined && index >= script.cutAfter) {
          response.socket?.destroy();
          return;
        }
        if (script.stallAfter !== undefined && index >= script.stallAfter) {
          hanging.add(response);
          return;
        }
        await new Promise<void>((resolve) =>
          response.write(script.frames[index] as string, () => resolve()),
        );
        if (script.intervalMs) await sleep(script.intervalMs);
      }
      response.end();
      return;
    }
    case 'reset':
      response.socket?.destroy();
      return;
    case 'hang':
      hanging.add(response);
      return;
  }
}

/** Starts a scripted HTTP server on a free loopback port. */
export async function startFakeServer(defaultResponder: Responder): Promise<FakeServer> {
  const queue: Script[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let responder = defaultResponder;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const recorded = await readRequest(request);
      requests.push(recorded);
      response.on('close', () => (recorded.closedAt = Date.now()));
      const script = queue.shift() ?? responder(recorded);
      await play(script, response, hanging);
    })().catch(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...scripts) => queue.push(...scripts),
    respondWith: (next) => {
      responder = next;
    },
    close: async () => {
      for (const response of hanging) response.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A frame of `data:` only, as OpenAI streams are written. */
export function dataFrame(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** A named frame, as Anthropic streams are written. */
export function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
