import type { RoutingStrategy } from '../../config/sereno-config.js';
import type { Candidate, Strategy } from './candidate.js';
import { costBased } from './cost-based.js';
import { latencyBased } from './latency-based.js';
import { leastBusy } from './least-busy.js';
import { simpleShuffle } from './simple-shuffle.js';
import { usageBased } from './usage-based.js';

const strategies: Record<RoutingStrategy, Strategy> = {
  'simple-shuffle': simpleShuffle,
  'least-busy': leastBusy,
  'latency-based-routing': latencyBased,
  'usage-based-routing': usageBased,
  'cost-based-routing': costBased,
};

/** A deployment without `order` counts as order 1, the first tier. */
const defaultOrder = 1;

/**
 * Picks among the candidates of the lowest `order` that can take the request; a higher
 * order is reached only when every deployment of the lower ones is unavailable.
 */
export function pickDeployment(
  strategy: RoutingStrategy,
  candidates: Candidate[],
  random: () => number,
): Candidate | undefined {
  const orders = [...new Set(candidates.map((c) => c.deployment.order ?? defaultOrder))];
  for (const order of orders.sort((a, b) => a - b)) {
    const tier = candidates.filter((c) => (c.deployment.order ?? defaultOrder) === order);
    const picked = strategies[strategy](tier, random);
    if (picked) return picked;
  }
  return undefined;
}
