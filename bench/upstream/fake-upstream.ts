import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { completionBody, streamFrames, type ChatCall } from './completion-payloads.js';
import { readChatCall } from './read-chat-call.js';

/** How the upstream answers; changed between scenarios through `PUT /bench/settings`. */
export interface UpstreamSettings {
  /** Wait before the first byte of the answer, as a model's time to think. */
  delayMs: number;
  /** Wait between two SSE frames; at 0 each frame is still its own write, a turn apart. */
  chunkDelayMs: number;
}

/** What the upstream has served, read through `GET /bench/stats`. */
export interface UpstreamStats {
  chatRequests: number;
  badRequests: number;
}

const chatPath = '/v1/chat/completions';

/**
 * A minimal OpenAI-compatible upstream for load tests: plain node:http, no framework, no
 * validation beyond what it needs, so that it costs the gateways in front of it as little
 * CPU as can be. Also serves its own settings and counters under `/bench/`.
 */
export function createFakeUpstream(settings: UpstreamSettings): Server {
  const stats: UpstreamStats = { chatRequests: 0, badRequests: 0 };
  let sequence = 0;

  const server = createServer((request, response) => {
    readBody(request, (text) => {
      if (request.method === 'POST' && request.url === chatPath) {
        const call = readChatCall(text);
        if (!call) {
          stats.badRequests += 1;
          sendJson(response, 400, { error: { message: 'unreadable body', type: 'bad_request' } });
          return;
        }
        stats.chatRequests += 1;
        sequence += 1;
        const answer = () => answerChat(response, call, `chatcmpl-bench${sequence}`, settings);
        if (settings.delayMs > 0) setTimeout(answer, settings.delayMs);
        else answer();
        return;
      }
      serveControl(request, response, text, settings, stats);
    });
  });
  server.keepAliveTimeout = 120_000;
  return server;
}

function answerChat(
  response: ServerResponse,
  call: ChatCall,
  id: string,
  settings: UpstreamSettings,
): void {
  const created = Math.floor(Date.now() / 1000);
  if (!call.stream) {
    sendJson(response, 200, completionBody(call, id, created));
    return;
  }
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const frames = streamFrames(call, id, created);
  let next = 0;
  const writeNext = () => {
    if (response.destroyed) return;
    response.write(frames[next]);
    next += 1;
    if (next === frames.length) response.end();
    else if (settings.chunkDelayMs > 0) setTimeout(writeNext, settings.chunkDelayMs);
    else setImmediate(writeNext);
  };
  writeNext();
}

function serveControl(
  request: IncomingMessage,
  response: ServerResponse,
  text: string,
  settings: UpstreamSettings,
  stats: UpstreamStats,
): void {
  if (request.method === 'GET' && request.url === '/bench/stats') {
    sendJson(response, 200, stats);
    return;
  }
  if (request.method === 'PUT' && request.url === '/bench/settings') {
    const changed = readSettings(text);
    if (!changed) {
      sendJson(response, 400, { error: 'expected {delayMs, chunkDelayMs} as numbers' });
      return;
    }
    Object.assign(settings, changed);
    sendJson(response, 200, settings);
    return;
  }
  sendJson(response, 404, { error: { message: 'no such route', type: 'not_found' } });
}

function readSettings(text: string): Partial<UpstreamSettings> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const changed: Partial<UpstreamSettings> = {};
  for (const key of ['delayMs', 'chunkDelayMs'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0)) return undefined;
    changed[key] = value;
  }
  return changed;
}

function readBody(request: IncomingMessage, onBody: (text: string) => void): void {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => onBody(Buffer.concat(parts).toString('utf8')));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
