import { bestBy, type Strategy } from './candidate.js';

/**
 * The cheapest deployment by the price table: input plus output price per token. An
 * unpriced deployment (a local model, say) counts as free, as its calls are stored.
 */
export const costBased: Strategy = (candidates, random) =>
  bestBy(
    candidates,
    ({ deployment }) =>
      (deployment.prices.input_cost_per_token ?? 0) +
      (deployment.prices.output_cost_per_token ?? 0),
    random,
  );
