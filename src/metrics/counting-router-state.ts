import type { AttemptEnd, DeploymentHealth, RouterState } from '../router/router-state.js';
import type { Clock } from '../time/clock.js';

/**
 * Router state that tells when a cooldown starts: a deployment put out that was not
 * already cooling. A cooldown that only pushes a running one further is not a new one.
 * Everything else goes to the state it wraps unchanged.
 */
export class CountingRouterState implements RouterState {
  constructor(
    private readonly inner: RouterState,
    private readonly clock: Clock,
    private readonly onCooldownStarted: (deploymentId: string) => void,
  ) {}

  async coolDown(deploymentId: string, until: number): Promise<void> {
    const [before] = await this.inner.health([deploymentId], this.clock.now());
    await this.inner.coolDown(deploymentId, until);
    if (before?.status !== 'cooling') this.onCooldownStarted(deploymentId);
  }

  health(deploymentIds: readonly string[], now: number): Promise<DeploymentHealth[]> {
    return this.inner.health(deploymentIds, now);
  }

  beginAttempt(deploymentId: string, now: number): Promise<void> {
    return this.inner.beginAttempt(deploymentId, now);
  }

  endAttempt(deploymentId: string, end: AttemptEnd, now: number): Promise<void> {
    return this.inner.endAttempt(deploymentId, end, now);
  }

  addTokens(deploymentId: string, tokens: number, now: number): Promise<void> {
    return this.inner.addTokens(deploymentId, tokens, now);
  }

  recordFailure(deploymentId: string, now: number, windowMs: number): Promise<number> {
    return this.inner.recordFailure(deploymentId, now, windowMs);
  }

  tryStartProbe(deploymentId: string, now: number): Promise<boolean> {
    return this.inner.tryStartProbe(deploymentId, now);
  }

  endProbe(deploymentId: string, success: boolean): Promise<void> {
    return this.inner.endProbe(deploymentId, success);
  }
}
