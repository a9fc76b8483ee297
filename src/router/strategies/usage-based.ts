import { bestBy, type Candidate, type Strategy } from './candidate.js';

/** Share of the minute's `rpm` and `tpm` still free; 1 for a deployment without limits. */
export function headroom({ deployment, health }: Candidate): number {
  const shares = [1];
  if (deployment.rpm) shares.push(1 - health.requestsThisMinute / deployment.rpm);
  if (deployment.tpm) shares.push(1 - health.tokensThisMinute / deployment.tpm);
  return Math.min(...shares);
}

/** The deployment with the most headroom this minute; those at their limit are skipped. */
export const usageBased: Strategy = (candidates, random) => {
  const open = candidates.filter((candidate) => headroom(candidate) > 0);
  return bestBy(open, (candidate) => -headroom(candidate), random);
};
