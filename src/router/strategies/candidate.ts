import type { Deployment } from '../../models/deployment.js';
import type { DeploymentHealth } from '../router-state.js';

/** A deployment that may serve the next attempt, with what the router knows of it now. */
export interface Candidate {
  deployment: Deployment;
  health: DeploymentHealth;
}

/** Picks one candidate; undefined when none may take the request. */
export type Strategy = (candidates: Candidate[], random: () => number) => Candidate | undefined;

/** One of the candidates that share the best score, chosen at random. */
export function bestBy(
  candidates: Candidate[],
  score: (candidate: Candidate) => number,
  random: () => number,
): Candidate | undefined {
  let best: Candidate[] = [];
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value < bestScore) {
      best = [candidate];
      bestScore = value;
    } else if (value === bestScore) {
      best.push(candidate);
    }
  }
  return best[Math.floor(random() * best.length)];
}
