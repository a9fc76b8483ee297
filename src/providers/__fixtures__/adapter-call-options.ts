import { createLogger } from '../../logging/logger.js';
import type { CallOptions } from '../provider.js';

/** Call options for adapter tests: time enough for a fake upstream, and a silent logger. */
export const adapterCallOptions: CallOptions = {
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  streamIdleTimeoutMs: 5_000,
  logger: createLogger({ level: 'silent', pretty: false }),
};
