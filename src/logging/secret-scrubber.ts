const REDACTED = '[REDACTED]';

/** Key shapes of the providers Sereno speaks to, caught even when nobody registered them. */
const keyPatterns: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\bgsk_[A-Za-z0-9]{20,}/g,
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /([?&](?:key|api[-_]?key|token)=)[^&\s"']+/gi,
];

/**
 * Removes secrets from text before it reaches a log line, an error body or the store:
 * the exact values Sereno was configured with, and anything shaped like a provider key.
 */
export class SecretScrubber {
  private readonly values = new Set<string>();

  /**
   * Remembers a secret. Values shorter than `minLength` (8 by default) would scrub
   * ordinary words; a key the operator chose, such as LiteLLM's `sk-1234`, may pass 6.
   */
  register(value: string | undefined | null, minLength = 8): void {
    if (value && value.length >= minLength) this.values.add(value);
  }

  scrub(text: string): string {
    let result = text;
    for (const value of this.values) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
    for (const pattern of keyPatterns) {
      result = result.replace(pattern, (match, prefix: unknown) =>
        typeof prefix === 'string' && match.startsWith(prefix) ? prefix + REDACTED : REDACTED,
      );
    }
    return result;
  }
}

/** The process-wide scrubber: secrets are facts of the process, read once from config. */
export const secretScrubber = new SecretScrubber();
