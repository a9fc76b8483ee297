import type { RouterSettings } from '../config/sereno-config.js';
import type { FallbackKind } from './failure-assessment.js';

/**
 * The fallback groups of one request, walked in the order the config lists them. A group
 * already tried in this request is never entered again, whatever list names it.
 */
export class FallbackChain {
  private readonly visited = new Set<string>();
  private readonly cursors = new Map<FallbackKind, number>();

  constructor(
    private readonly origin: string,
    private readonly settings: RouterSettings,
    private readonly exists: (modelName: string) => boolean,
    private readonly disabled: boolean,
  ) {
    this.visited.add(origin);
  }

  /** The next group for a failure of this kind, or undefined when none is left. */
  next(kind: FallbackKind): string | undefined {
    if (this.disabled || kind === 'none') return undefined;
    const list = this.listFor(kind);
    for (let index = this.cursors.get(kind) ?? 0; index < list.length; index++) {
      const candidate = list[index] as string;
      if (this.visited.has(candidate) || !this.exists(candidate)) continue;
      this.cursors.set(kind, index + 1);
      this.visited.add(candidate);
      return candidate;
    }
    this.cursors.set(kind, list.length);
    return undefined;
  }

  /** How many groups this chain could still offer; sizes the request's attempt budget. */
  get size(): number {
    if (this.disabled) return 0;
    const all = new Set([
      ...this.listFor('general'),
      ...this.listFor('context_window'),
      ...this.listFor('content_policy'),
    ]);
    all.delete(this.origin);
    return [...all].filter(this.exists).length;
  }

  private listFor(kind: FallbackKind): string[] {
    switch (kind) {
      case 'context_window':
        return this.settings.contextWindowFallbacks.get(this.origin) ?? [];
      case 'content_policy':
        return this.settings.contentPolicyFallbacks.get(this.origin) ?? [];
      case 'general':
        return this.settings.fallbacks.get(this.origin) ?? this.settings.defaultFallbacks;
      default:
        return [];
    }
  }
}
