import { bestBy, type Strategy } from './candidate.js';

/** Share of requests sent to a random deployment, so a slow one can show it recovered. */
export const explorationShare = 0.1;

/**
 * The deployment with the lowest recent latency (time to first token for streams).
 * Deployments never measured are tried first, and a small share of requests explores.
 */
export const latencyBased: Strategy = (candidates, random) => {
  const unmeasured = candidates.filter((candidate) => candidate.health.latencyMs === undefined);
  if (unmeasured.length > 0) return unmeasured[Math.floor(random() * unmeasured.length)];
  if (random() < explorationShare) return candidates[Math.floor(random() * candidates.length)];
  return bestBy(candidates, (candidate) => candidate.health.latencyMs ?? 0, random);
};
