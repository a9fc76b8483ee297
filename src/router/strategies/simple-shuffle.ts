import type { Deployment } from '../../models/deployment.js';
import type { Candidate, Strategy } from './candidate.js';

type WeightField = 'weight' | 'rpm' | 'tpm';

/** The field that weighs deployments: `weight` when any has one, else `rpm`, else `tpm`. */
function weightField(deployments: Deployment[]): WeightField | undefined {
  return (['weight', 'rpm', 'tpm'] as const).find((field) =>
    deployments.some((deployment) => deployment[field] !== undefined),
  );
}

/**
 * Weighted random choice. A deployment without the weighing field counts as the average
 * of those with it, so that leaving one out neither starves nor floods it.
 */
export const simpleShuffle: Strategy = (candidates, random) => {
  const field = weightField(candidates.map((candidate) => candidate.deployment));
  const defined = field
    ? candidates.map((c) => c.deployment[field]).filter((v): v is number => v !== undefined)
    : [];
  const fallbackWeight =
    defined.length > 0 ? defined.reduce((sum, value) => sum + value, 0) / defined.length : 1;
  const weights = candidates.map((candidate) =>
    field ? (candidate.deployment[field] ?? fallbackWeight) : 1,
  );
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return candidates[Math.floor(random() * candidates.length)];

  let point = random() * total;
  for (let index = 0; index < candidates.length; index++) {
    point -= weights[index] as number;
    if (point < 0) return candidates[index];
  }
  return candidates.at(-1) as Candidate;
};
