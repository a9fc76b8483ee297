import type { AttemptEnd, DeploymentHealth, HealthStatus, RouterState } from './router-state.js';

interface Entry {
  cooldownUntil: number;
  /** Set when a cooldown ends, until a probe succeeds. */
  needsProbe: boolean;
  probing: boolean;
  inFlight: number;
  latencyMs: number | undefined;
  minute: number;
  requestsThisMinute: number;
  tokensThisMinute: number;
  failures: number[];
}

const minuteMs = 60_000;
/** Weight of the newest sample in the latency average. */
const latencySmoothing = 0.3;

function statusOf(entry: Entry, cooling: boolean): HealthStatus {
  if (cooling) return 'cooling';
  if (entry.probing) return 'probing';
  return entry.needsProbe ? 'probe-ready' : 'healthy';
}

/** Router state for one process. */
export class MemoryRouterState implements RouterState {
  private readonly entries = new Map<string, Entry>();

  async health(deploymentIds: readonly string[], now: number): Promise<DeploymentHealth[]> {
    return deploymentIds.map((deploymentId) => {
      const entry = this.entry(deploymentId, now);
      const cooling = entry.cooldownUntil > now;
      return {
        deploymentId,
        status: statusOf(entry, cooling),
        cooldownUntil: cooling ? entry.cooldownUntil : 0,
        inFlight: entry.inFlight,
        latencyMs: entry.latencyMs,
        requestsThisMinute: entry.requestsThisMinute,
        tokensThisMinute: entry.tokensThisMinute,
        recentFailures: entry.failures.filter((time) => time > now - minuteMs).length,
      };
    });
  }

  async beginAttempt(deploymentId: string, now: number): Promise<void> {
    const entry = this.entry(deploymentId, now);
    entry.inFlight += 1;
    entry.requestsThisMinute += 1;
  }

  async endAttempt(deploymentId: string, end: AttemptEnd, now: number): Promise<void> {
    const entry = this.entry(deploymentId, now);
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (end.success && end.latencyMs !== undefined) {
      entry.latencyMs =
        entry.latencyMs === undefined
          ? end.latencyMs
          : entry.latencyMs * (1 - latencySmoothing) + end.latencyMs * latencySmoothing;
    }
  }

  async addTokens(deploymentId: string, tokens: number, now: number): Promise<void> {
    this.entry(deploymentId, now).tokensThisMinute += tokens;
  }

  async recordFailure(deploymentId: string, now: number, windowMs: number): Promise<number> {
    const entry = this.entry(deploymentId, now);
    entry.failures = entry.failures.filter((time) => time > now - windowMs);
    entry.failures.push(now);
    return entry.failures.length;
  }

  async coolDown(deploymentId: string, until: number): Promise<void> {
    const entry = this.entry(deploymentId, 0);
    entry.cooldownUntil = Math.max(entry.cooldownUntil, until);
    entry.needsProbe = true;
  }

  async tryStartProbe(deploymentId: string, now: number): Promise<boolean> {
    const entry = this.entry(deploymentId, now);
    if (entry.cooldownUntil > now) return false;
    if (!entry.needsProbe) return true;
    if (entry.probing) return false;
    entry.probing = true;
    return true;
  }

  async endProbe(deploymentId: string, success: boolean): Promise<void> {
    const entry = this.entry(deploymentId, 0);
    if (!entry.probing) return;
    entry.probing = false;
    if (success) {
      entry.needsProbe = false;
      entry.failures = [];
    }
  }

  private entry(deploymentId: string, now: number): Entry {
    let entry = this.entries.get(deploymentId);
    if (!entry) {
      entry = {
        cooldownUntil: 0,
        needsProbe: false,
        probing: false,
        inFlight: 0,
        latencyMs: undefined,
        minute: 0,
        requestsThisMinute: 0,
        tokensThisMinute: 0,
        failures: [],
      };
      this.entries.set(deploymentId, entry);
    }
    const minute = Math.floor(now / minuteMs);
    if (now > 0 && minute !== entry.minute) {
      entry.minute = minute;
      entry.requestsThisMinute = 0;
      entry.tokensThisMinute = 0;
    }
    return entry;
  }
}
