import {
  pino,
  destination,
  type DestinationStream,
  type LogFn,
  type LoggerOptions,
  type Logger as PinoLogger,
} from 'pino';
import { ProviderError } from '../errors/provider-error.js';
import { secretScrubber } from './secret-scrubber.js';

/** The logger every part of Sereno writes to: pino's, or a request's child of it. */
export interface Logger {
  level: string;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerSettings {
  level: string;
  pretty: boolean;
  /** Where lines go instead of stdout; tests read them here. */
  destination?: DestinationStream;
}

/** Header and field paths that never reach a log line, whoever logs them. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["api-key"]',
  'req.headers["x-goog-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["api-key"]',
  'headers["x-goog-api-key"]',
  '*.apiKey',
  '*.api_key',
  '*.masterKey',
  '*.master_key',
];

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: secretScrubber.scrub(String(error)) };
  const serialized: Record<string, unknown> = {
    type: error.name,
    message: secretScrubber.scrub(error.message),
    stack: error.stack ? secretScrubber.scrub(error.stack) : undefined,
  };
  if (error instanceof ProviderError) {
    serialized.provider = error.provider;
    serialized.upstreamStatus = error.upstreamStatus;
    serialized.upstreamBody = error.upstreamBody;
  }
  if (error.cause instanceof Error) serialized.cause = serializeError(error.cause);
  return serialized;
}

/** The root logger; requests and background jobs take children of it. */
export function createLogger(settings: LoggerSettings): PinoLogger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: redactedPaths, censor: '[REDACTED]' },
    serializers: { err: serializeError, error: serializeError },
    base: { service: 'sereno' },
  };
  if (settings.destination) return pino(options, settings.destination);
  if (settings.pretty) {
    options.transport = { target: 'pino-pretty', options: { colorize: true } };
    return pino(options);
  }
  // Lines are written asynchronously, so that no request waits on the disk or a pipe;
  // `flushLogger` writes out what is buffered before the process exits.
  return pino(options, destination({ dest: 1, sync: false }));
}

/** Writes out buffered log lines; call before the process exits. */
export function flushLogger(logger: PinoLogger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
