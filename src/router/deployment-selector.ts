import type { RouterSettings } from '../config/sereno-config.js';
import type { Deployment } from '../models/deployment.js';
import type { ModelGroup } from '../models/model-registry.js';
import type { Clock } from '../time/clock.js';
import type { RoutedRequest } from './attempt.js';
import type { RouterState } from './router-state.js';
import type { Candidate } from './strategies/candidate.js';
import { pickDeployment } from './strategies/pick-deployment.js';

export interface Selection {
  deployment: Deployment;
  /** This attempt decides whether a deployment whose cooldown ended is back. */
  probing: boolean;
}

/** Why no deployment of a group can take the next attempt. */
export type Unavailable =
  | { reason: 'context_window'; inputTokens: number; largestWindow: number }
  | { reason: 'cooling'; retryAfterMs: number }
  | { reason: 'exhausted' };

const minuteMs = 60_000;

/** Chooses the deployment of a group that serves the next attempt, or says why none can. */
export class DeploymentSelector {
  constructor(
    private readonly state: RouterState,
    private readonly settings: RouterSettings,
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  async select(
    group: ModelGroup,
    excluded: ReadonlySet<string>,
    request: RoutedRequest,
  ): Promise<Selection | Unavailable> {
    const remaining = group.deployments.filter((deployment) => !excluded.has(deployment.id));
    if (remaining.length === 0) return { reason: 'exhausted' };
    const fitting = this.fitting(remaining, request);
    if (!Array.isArray(fitting)) return fitting;

    const now = this.clock.now();
    const health = await this.state.health(
      fitting.map((deployment) => deployment.id),
      now,
    );
    let ready: Candidate[] = fitting
      .map((deployment, index) => ({ deployment, health: health[index]! }))
      .filter(({ health }) => health.status === 'healthy' || health.status === 'probe-ready');

    while (ready.length > 0) {
      const picked = pickDeployment(this.settings.routingStrategy, ready, this.random);
      if (!picked) return { reason: 'cooling', retryAfterMs: minuteMs - (now % minuteMs) };
      if (picked.health.status === 'healthy')
        return { deployment: picked.deployment, probing: false };
      if (await this.state.tryStartProbe(picked.deployment.id, now)) {
        return { deployment: picked.deployment, probing: true };
      }
      ready = ready.filter((candidate) => candidate !== picked);
    }
    return {
      reason: 'cooling',
      retryAfterMs: shortestWait(
        health.map((h) => h.cooldownUntil),
        now,
      ),
    };
  }

  /**
   * Whether a deployment of the group, other than the excluded ones, could take an
   * attempt within `withinMs`: it takes requests now, or its cooldown ends by then.
   */
  async hasReady(group: ModelGroup, excluded: ReadonlySet<string>, withinMs = 0): Promise<boolean> {
    const remaining = group.deployments.filter((deployment) => !excluded.has(deployment.id));
    if (remaining.length === 0) return false;
    const now = this.clock.now();
    const health = await this.state.health(
      remaining.map((deployment) => deployment.id),
      now,
    );
    return health.some(
      (h) =>
        h.status === 'healthy' ||
        h.status === 'probe-ready' ||
        (h.status === 'cooling' && h.cooldownUntil <= now + withinMs),
    );
  }

  /** Deployments whose context window holds the request; tokens are counted only when close. */
  private fitting(deployments: Deployment[], request: RoutedRequest): Deployment[] | Unavailable {
    if (!this.settings.enablePreCallChecks || !request.maxInputTokens) return deployments;
    const windows = deployments.map((deployment) => deployment.prices.max_input_tokens);
    if (windows.every((window) => window === undefined)) return deployments;

    const bound = request.maxInputTokens();
    let counted: number | undefined;
    const fits = (window: number | undefined) => {
      if (window === undefined || bound <= window) return true;
      counted ??= request.inputTokens?.() ?? bound;
      return counted <= window;
    };
    const fitting = deployments.filter((deployment, index) => fits(windows[index]));
    if (fitting.length > 0) return fitting;
    return {
      reason: 'context_window',
      inputTokens: counted ?? bound,
      largestWindow: Math.max(...windows.map((window) => window ?? 0)),
    };
  }
}

function shortestWait(cooldowns: number[], now: number): number {
  const waits = cooldowns.filter((until) => until > now).map((until) => until - now);
  return waits.length > 0 ? Math.min(...waits) : 1000;
}
