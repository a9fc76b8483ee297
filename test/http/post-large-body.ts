import { connect } from 'node:net';

export interface LargeBodyOptions {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  path: string;
  headers: Record<string, string>;
  /** Declared in `content-length`; absent sends the body chunked, its size unknown upfront. */
  declaredBytes?: number;
  /** The most bytes of body written before the server answers; the rest is never sent. */
  maxBytes: number;
  timeoutMs: number;
}

export interface LargeBodyAnswer {
  status: number;
  headers: string;
  body: string;
  /** Body bytes written when the answer came. */
  sentBytes: number;
}

const chunkBytes = 256 * 1024;

function readAnswer(received: Buffer): Omit<LargeBodyAnswer, 'sentBytes'> | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const headers = received.subarray(0, end).toString('latin1');
  const body = received.subarray(end + 4);
  const length = Number(/^content-length:\s*(\d+)/im.exec(headers)?.[1] ?? Number.NaN);
  if (!(body.length >= length)) return undefined;
  const status = Number(headers.split(' ')[1]);
  return { status, headers, body: body.toString('utf8') };
}

/**
 * Sends a POST whose body is JSON whitespace, written as fast as the server reads it, and
 * stops as soon as the server answers. A raw socket, because an HTTP client drops an
 * answer that arrives while it is still writing when the server then closes the socket.
 */
export function postLargeBody(options: LargeBodyOptions): Promise<LargeBodyAnswer> {
  const { origin, path, headers, declaredBytes, maxBytes, timeoutMs } = options;
  const url = new URL(origin);
  const socket = connect(Number(url.port), url.hostname);
  const framing: Record<string, string> =
    declaredBytes === undefined
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(declaredBytes) };
  const head = Object.entries({ host: url.host, ...headers, ...framing })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const chunk = Buffer.alloc(chunkBytes, 0x20);
  const frame =
    declaredBytes === undefined
      ? Buffer.concat([Buffer.from(`${chunkBytes.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
      : chunk;

  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let sentBytes = 0;
    let answered = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms after ${sentBytes} bytes of body`));
    }, timeoutMs);

    const pump = () => {
      while (!answered && sentBytes < maxBytes && !socket.destroyed) {
        sentBytes += chunkBytes;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      const answer = readAnswer(received);
      if (!answer || answered) return;
      answered = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...answer, sentBytes });
    });
    // Writing after the server closed fails; only the answer, or its absence, matters.
    socket.on('error', () => undefined);
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`, pump);
  });
}
