/** Longest wait an upstream may ask for before Sereno gives up rather than waits. */
export const maxHonouredRetryAfterMs = 60_000;
const baseDelayMs = 500;
const maxDelayMs = 8_000;

export interface RetryDelayInput {
  /** 0 for the first wait of the request. */
  retryIndex: number;
  retryAfterMs: number | undefined;
  /** Time left before the request's deadline. */
  remainingMs: number;
  random: () => number;
}

/**
 * How long to wait before retrying in place, or undefined when waiting cannot help: the
 * upstream asked for more than a minute, or the wait does not fit in the deadline. An
 * upstream's own request wins over exponential backoff with jitter.
 */
export function retryDelayMs(input: RetryDelayInput): number | undefined {
  if (input.retryAfterMs !== undefined) {
    if (input.retryAfterMs < 0 || input.retryAfterMs > maxHonouredRetryAfterMs) return undefined;
    return input.retryAfterMs < input.remainingMs ? input.retryAfterMs : undefined;
  }
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** input.retryIndex);
  const delay = ceiling / 2 + input.random() * (ceiling / 2);
  return delay < input.remainingMs ? delay : undefined;
}
