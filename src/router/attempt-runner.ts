import type { RouterSettings } from '../config/sereno-config.js';
import { ProviderError } from '../errors/provider-error.js';
import { SerenoError } from '../errors/sereno-error.js';
import type { Deployment } from '../models/deployment.js';
import type { Clock } from '../time/clock.js';
import type { AttemptContext, RoutedRequest } from './attempt.js';
import type { Selection } from './deployment-selector.js';
import type { RouterState } from './router-state.js';

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: Error };

function attemptTimeout(deployment: Deployment, limitMs: number, stream: boolean): ProviderError {
  const what = stream ? 'send its first token' : 'answer';
  return new ProviderError({
    kind: 'timeout',
    status: 504,
    code: 'upstream_timeout',
    retryable: true,
    message: `${deployment.provider} did not ${what} within ${limitMs} ms (deployment ${deployment.id}).`,
    provider: deployment.provider,
  });
}

/**
 * The attempt's own abort: it follows the request's (the client left, the deadline
 * passed) and fires alone when the attempt times out. Linked by a listener rather than
 * AbortSignal.any, which costs more per request on Node 20; the listener lives as long as
 * the request's signal, which a stream's reading still needs after the attempt returns.
 */
function attemptController(requestSignal: AbortSignal): AbortController {
  const controller = new AbortController();
  if (requestSignal.aborted) controller.abort(requestSignal.reason);
  else {
    requestSignal.addEventListener('abort', () => controller.abort(requestSignal.reason), {
      once: true,
    });
  }
  return controller;
}

/**
 * Runs one attempt on one deployment: its own time limit and abort signal, the counts the
 * routing strategies read, the end of a probe, and the report for the trace.
 */
export class AttemptRunner {
  constructor(
    private readonly state: RouterState,
    private readonly settings: RouterSettings,
    private readonly clock: Clock,
  ) {}

  async run<T>(
    selection: Selection,
    context: Omit<AttemptContext, 'signal' | 'timeoutMs' | 'streamIdleTimeoutMs'>,
    request: RoutedRequest,
    run: (attempt: AttemptContext) => Promise<T>,
  ): Promise<AttemptOutcome<T>> {
    const { deployment } = selection;
    const startTime = this.clock.now();
    const limitMs = this.limitMs(deployment, request, startTime);
    const controller = attemptController(request.signal);
    const signal = controller.signal;
    const timer = setTimeout(
      () => controller.abort(attemptTimeout(deployment, limitMs, request.stream)),
      limitMs,
    );
    await this.state.beginAttempt(deployment.id, startTime);

    let outcome: AttemptOutcome<T>;
    try {
      const value = await run({
        ...context,
        signal,
        timeoutMs: limitMs,
        streamIdleTimeoutMs: deployment.streamTimeoutMs ?? this.settings.streamTimeoutMs,
      });
      outcome = { ok: true, value };
    } catch (error) {
      const reason: unknown = signal.aborted ? signal.reason : undefined;
      const known = error instanceof SerenoError || !(reason instanceof SerenoError);
      outcome = { ok: false, error: known ? (error as Error) : reason };
    } finally {
      clearTimeout(timer);
    }

    const endTime = this.clock.now();
    await this.state.endAttempt(
      deployment.id,
      { success: outcome.ok, latencyMs: endTime - startTime },
      endTime,
    );
    if (selection.probing) await this.state.endProbe(deployment.id, outcome.ok);
    request.onAttempt?.({
      deployment,
      modelGroup: context.modelGroup,
      attempt: context.attempt,
      startTime,
      endTime,
      error: outcome.ok ? undefined : outcome.error,
    });
    return outcome;
  }

  /** The deployment's own limit (to the first token for streams), within the deadline. */
  private limitMs(deployment: Deployment, request: RoutedRequest, now: number): number {
    const own = request.stream
      ? (deployment.streamTimeoutMs ?? this.settings.streamTimeoutMs ?? deployment.timeoutMs)
      : deployment.timeoutMs;
    const remaining = request.deadline - now;
    return Math.max(1, Math.min(own ?? remaining, remaining));
  }
}
