import { bestBy, type Strategy } from './candidate.js';

/** The deployment with the fewest requests in flight. */
export const leastBusy: Strategy = (candidates, random) =>
  bestBy(candidates, (candidate) => candidate.health.inFlight, random);
