/**
 * What the router remembers about deployments between requests. Kept behind this
 * interface so that replicas can share it (in Redis) without the router changing; every
 * method may therefore be asynchronous.
 */

/** One deployment as the router sees it at the moment of choosing. */
export type HealthStatus =
  /** Takes requests. */
  | 'healthy'
  /** Out until `cooldownUntil`. */
  | 'cooling'
  /** Its cooldown ended; the next request to pick it probes whether it is back. */
  | 'probe-ready'
  /** One request is probing it; the others keep away until the probe ends. */
  | 'probing';

export interface DeploymentHealth {
  deploymentId: string;
  status: HealthStatus;
  /** Epoch ms until which the deployment is out; 0 when it is not cooling down. */
  cooldownUntil: number;
  inFlight: number;
  /** Moving average of latency (time to first token for streams), undefined before any. */
  latencyMs: number | undefined;
  requestsThisMinute: number;
  tokensThisMinute: number;
  /** Failures within the last minute. */
  recentFailures: number;
}

export interface AttemptEnd {
  success: boolean;
  latencyMs?: number;
}

export interface RouterState {
  health(deploymentIds: readonly string[], now: number): Promise<DeploymentHealth[]>;
  /** Counts an attempt as started: one more in flight, one more request this minute. */
  beginAttempt(deploymentId: string, now: number): Promise<void>;
  endAttempt(deploymentId: string, end: AttemptEnd, now: number): Promise<void>;
  /** Adds tokens to this minute's count, once an answer's usage is known. */
  addTokens(deploymentId: string, tokens: number, now: number): Promise<void>;
  /** Counts a failure and returns how many fell within the window, this one included. */
  recordFailure(deploymentId: string, now: number, windowMs: number): Promise<number>;
  /** Puts a deployment out until `until`, or leaves a later deadline standing. */
  coolDown(deploymentId: string, until: number): Promise<void>;
  /**
   * After a cooldown ended, lets exactly one caller probe the deployment; true for the
   * caller that won. The probe ends with `endProbe`.
   */
  tryStartProbe(deploymentId: string, now: number): Promise<boolean>;
  endProbe(deploymentId: string, success: boolean): Promise<void>;
}
