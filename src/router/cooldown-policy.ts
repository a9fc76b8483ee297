import type { RouterSettings } from '../config/sereno-config.js';
import type { Deployment } from '../models/deployment.js';
import type { ModelGroup } from '../models/model-registry.js';
import type { FailureAssessment } from './failure-assessment.js';
import type { RouterState } from './router-state.js';

const failureWindowMs = 60_000;
/** The longest cooldown an upstream's Retry-After may impose. */
const maxCooldownMs = 3_600_000;

/**
 * Decides whether a failed deployment cools down, and until when. It cools down after
 * `allowed_fails` failures within a minute, at once on 429, 401 or 404 when its group has
 * other deployments, and at once when the attempt was the probe after a cooldown. A new
 * cooldown never shortens a running one.
 */
export async function applyCooldown(options: {
  state: RouterState;
  settings: RouterSettings;
  deployment: Deployment;
  group: ModelGroup;
  assessment: FailureAssessment;
  probing: boolean;
  now: number;
}): Promise<number | undefined> {
  const { state, settings, deployment, group, assessment, probing, now } = options;
  if (!assessment.countsAgainstDeployment) return undefined;

  const failures = await state.recordFailure(deployment.id, now, failureWindowMs);
  const allowed = settings.allowedFailsPolicy[assessment.policyKind] ?? settings.allowedFails;
  const atOnce = assessment.coolDownAtOnce && group.deployments.length > 1;
  if (!atOnce && !probing && failures < allowed) return undefined;

  const durationMs =
    assessment.retryAfterMs !== undefined && assessment.retryAfterMs > 0
      ? Math.min(assessment.retryAfterMs, maxCooldownMs)
      : settings.cooldownSeconds * 1000;
  const until = now + durationMs;
  await state.coolDown(deployment.id, until);
  return until;
}
