import type { RouterSettings } from '../config/sereno-config.js';
import {
  BadRequestError,
  NotFoundError,
  RateLimitError,
  SerenoError,
} from '../errors/sereno-error.js';
import type { ModelGroup, ModelRegistry } from '../models/model-registry.js';
import type { Clock } from '../time/clock.js';
import type { AttemptContext, RoutedRequest, RoutedResult } from './attempt.js';
import { AttemptRunner } from './attempt-runner.js';
import { applyCooldown } from './cooldown-policy.js';
import { DeploymentSelector, type Selection, type Unavailable } from './deployment-selector.js';
import { assessFailure, type FallbackKind } from './failure-assessment.js';
import { FallbackChain } from './fallback-chain.js';
import { retryDelayMs } from './retry-delay.js';
import type { RouterState } from './router-state.js';

export interface RouterOptions {
  registry: ModelRegistry;
  settings: RouterSettings;
  state: RouterState;
  clock: Clock;
  random?: () => number;
}

/** Where one request stands between its attempts. */
interface Progress {
  group: ModelGroup;
  chain: FallbackChain;
  budget: number;
  attempts: number;
  fallbacks: number;
  retriesInGroup: number;
  waits: number;
  /** Deployments that failed this request since it last waited. */
  excluded: Set<string>;
  lastError: Error | undefined;
}

/**
 * Decides which deployment serves each attempt of a request and what follows a failure:
 * another healthy deployment of the group at once, else the next fallback group at once,
 * and only when neither is left a wait (the upstream's Retry-After, or backoff with
 * jitter) before retrying in place. One budget of attempts and one deadline per request.
 */
export class Router {
  private readonly random: () => number;
  private readonly selector: DeploymentSelector;
  private readonly runner: AttemptRunner;

  constructor(private readonly options: RouterOptions) {
    this.random = options.random ?? Math.random;
    this.selector = new DeploymentSelector(
      options.state,
      options.settings,
      options.clock,
      this.random,
    );
    this.runner = new AttemptRunner(options.state, options.settings, options.clock);
  }

  get state(): RouterState {
    return this.options.state;
  }

  /** Counts an answer's tokens towards its deployment's `tpm` for this minute. */
  recordUsage(deploymentId: string, tokens: number): void {
    void this.options.state.addTokens(deploymentId, tokens, this.options.clock.now());
  }

  async execute<T>(
    request: RoutedRequest,
    run: (attempt: AttemptContext) => Promise<T>,
  ): Promise<RoutedResult<T>> {
    const progress = this.start(request);
    try {
      return await this.attemptUntilDone(progress, request, run);
    } catch (error) {
      await this.adviseRetryAfter(error, progress);
      if (error instanceof SerenoError) {
        error.headers['x-sereno-attempts'] = String(progress.attempts);
        error.headers['x-sereno-fallbacks'] = String(progress.fallbacks);
      }
      throw error;
    }
  }

  private async attemptUntilDone<T>(
    progress: Progress,
    request: RoutedRequest,
    run: (attempt: AttemptContext) => Promise<T>,
  ): Promise<RoutedResult<T>> {
    for (;;) {
      if (request.signal.aborted) throw request.signal.reason as Error;
      if (progress.attempts >= progress.budget)
        throw progress.lastError ?? this.exhausted(progress);

      const selection = await this.selector.select(progress.group, progress.excluded, request);
      if ('reason' in selection) {
        const kind: FallbackKind =
          selection.reason === 'context_window' ? 'context_window' : 'general';
        if (this.moveToFallback(progress, kind)) continue;
        throw this.unavailable(selection, progress);
      }

      progress.attempts += 1;
      const context = {
        deployment: selection.deployment,
        modelGroup: progress.group.name,
        attempt: progress.attempts,
      };
      const outcome = await this.runner.run(selection, context, request, run);
      if (outcome.ok) {
        return {
          value: outcome.value,
          deployment: selection.deployment,
          modelGroup: progress.group.name,
          attempts: progress.attempts,
          fallbacks: progress.fallbacks,
        };
      }
      await this.afterFailure(outcome.error, selection, progress, request);
    }
  }

  /**
   * A client told to retry should know when: a failure another attempt could cure leaves
   * with Retry-After, the shortest cooldown left in its group or else one second.
   */
  private async adviseRetryAfter(error: unknown, progress: Progress): Promise<void> {
    if (!(error instanceof SerenoError) || error.headers['retry-after']) return;
    if (!assessFailure(error).retryable) return;
    const now = this.options.clock.now();
    const health = await this.options.state.health(
      progress.group.deployments.map((deployment) => deployment.id),
      now,
    );
    const waits = health.filter((h) => h.cooldownUntil > now).map((h) => h.cooldownUntil - now);
    const seconds = waits.length > 0 ? Math.ceil(Math.min(...waits) / 1000) : 1;
    error.headers['retry-after'] = String(Math.max(1, seconds));
  }

  private start(request: RoutedRequest): Progress {
    const group = this.options.registry.group(request.modelName);
    if (!group) throw modelNotFound(request.modelName);
    const chain = new FallbackChain(
      group.name,
      this.options.settings,
      (name) => this.options.registry.group(name) !== undefined,
      request.disableFallbacks ?? false,
    );
    const budget =
      this.options.settings.maxAttempts ?? this.options.settings.numRetries + 1 + chain.size;
    return {
      group,
      chain,
      budget,
      attempts: 0,
      fallbacks: 0,
      retriesInGroup: 0,
      waits: 0,
      excluded: new Set(),
      lastError: undefined,
    };
  }

  /** Decides what follows a failed attempt; returns to try again, throws to give up. */
  private async afterFailure(
    error: Error,
    selection: Selection,
    progress: Progress,
    request: RoutedRequest,
  ): Promise<void> {
    progress.lastError = error;
    progress.excluded.add(selection.deployment.id);
    const assessment = assessFailure(error);
    await applyCooldown({
      state: this.options.state,
      settings: this.options.settings,
      deployment: selection.deployment,
      group: progress.group,
      assessment,
      probing: selection.probing,
      now: this.options.clock.now(),
    });
    if (request.signal.aborted) throw request.signal.reason as Error;

    if (!assessment.retryable) {
      if (this.moveToFallback(progress, assessment.fallback)) return;
      throw error;
    }
    const retriesAllowed =
      this.options.settings.retryPolicy[assessment.policyKind] ?? this.options.settings.numRetries;
    if (
      progress.retriesInGroup < retriesAllowed &&
      (await this.selector.hasReady(progress.group, progress.excluded))
    ) {
      progress.retriesInGroup += 1;
      return;
    }
    if (this.moveToFallback(progress, 'general')) return;
    if (progress.retriesInGroup >= retriesAllowed) throw error;

    const delay = retryDelayMs({
      retryIndex: progress.waits,
      retryAfterMs: assessment.retryAfterMs,
      remainingMs: request.deadline - this.options.clock.now(),
      random: this.random,
    });
    if (delay === undefined) throw error;
    // Waiting helps only when a deployment will take the retry: one that cools down until
    // after the wait would turn this failure into a "cooling down" refusal.
    if (!(await this.selector.hasReady(progress.group, new Set(), delay))) throw error;
    await this.options.clock.sleep(delay, request.signal);
    progress.waits += 1;
    progress.retriesInGroup += 1;
    progress.excluded.clear();
  }

  private moveToFallback(progress: Progress, kind: FallbackKind): boolean {
    const next = progress.chain.next(kind);
    const group = next === undefined ? undefined : this.options.registry.group(next);
    if (!group) return false;
    progress.group = group;
    progress.fallbacks += 1;
    progress.retriesInGroup = 0;
    progress.excluded.clear();
    return true;
  }

  private unavailable(selection: Unavailable, progress: Progress): Error {
    if (selection.reason === 'exhausted') return progress.lastError ?? this.exhausted(progress);
    // A request that already met a real failure reports it, not the cooldown it caused.
    if (selection.reason === 'cooling' && progress.lastError) return progress.lastError;
    if (selection.reason === 'context_window') {
      return new BadRequestError(
        `The request has about ${selection.inputTokens} input tokens, more than any deployment of \`${progress.group.name}\` can take (the largest context window is ${selection.largestWindow}).`,
        { code: 'context_length_exceeded', param: 'messages' },
      );
    }
    const seconds = Math.max(1, Math.ceil(selection.retryAfterMs / 1000));
    return new RateLimitError(
      `Every deployment of \`${progress.group.name}\` is cooling down after failures; retry after ${seconds} s.`,
      { code: 'rate_limited', headers: { 'retry-after': String(seconds) } },
    );
  }

  private exhausted(progress: Progress): Error {
    return new RateLimitError(
      `No deployment of \`${progress.group.name}\` could take the request.`,
      {
        code: 'rate_limited',
        headers: { 'retry-after': '1' },
      },
    );
  }
}

export function modelNotFound(modelName: string): NotFoundError {
  return new NotFoundError(
    `The model \`${modelName}\` does not exist. GET /v1/models lists the models this gateway serves.`,
    { code: 'model_not_found', param: 'model' },
  );
}
