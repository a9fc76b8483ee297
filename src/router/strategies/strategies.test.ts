import { describe, expect, it } from 'vitest';
import { makeDeployment } from '../../../test/helpers/make-deployment.js';
import type { Deployment } from '../../models/deployment.js';
import type { DeploymentHealth } from '../router-state.js';
import type { Candidate } from './candidate.js';
import { costBased } from './cost-based.js';
import { latencyBased } from './latency-based.js';
import { leastBusy } from './least-busy.js';
import { pickDeployment } from './pick-deployment.js';
import { simpleShuffle } from './simple-shuffle.js';
import { usageBased } from './usage-based.js';

function candidate(
  deployment: Partial<Deployment> & { id: string },
  health: Partial<DeploymentHealth> = {},
): Candidate {
  return {
    deployment: makeDeployment(deployment),
    health: {
      deploymentId: deployment.id,
      status: 'healthy',
      cooldownUntil: 0,
      inFlight: 0,
      latencyMs: undefined,
      requestsThisMinute: 0,
      tokensThisMinute: 0,
      recentFailures: 0,
      ...health,
    },
  };
}

/** Picks many times with evenly spread random numbers and counts each deployment. */
function spread(pick: (random: () => number) => Candidate | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < 1000; index++) {
    const id = pick(() => (index + 0.5) / 1000)?.deployment.id ?? 'none';
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

describe('simpleShuffle', () => {
  it('should weigh by weight', () => {
    const counts = spread((random) =>
      simpleShuffle([candidate({ id: 'a', weight: 3 }), candidate({ id: 'b', weight: 1 })], random),
    );
    expect(counts).toEqual({ a: 750, b: 250 });
  });

  it('should weigh by rpm when no deployment has a weight', () => {
    const counts = spread((random) =>
      simpleShuffle([candidate({ id: 'a', rpm: 100 }), candidate({ id: 'b', rpm: 900 })], random),
    );
    expect(counts).toEqual({ a: 100, b: 900 });
  });

  it('should give a deployment without the field the average weight', () => {
    const counts = spread((random) =>
      simpleShuffle(
        [
          candidate({ id: 'a', tpm: 1000 }),
          candidate({ id: 'b', tpm: 3000 }),
          candidate({ id: 'c' }),
        ],
        random,
      ),
    );
    expect(counts).toEqual({ a: 167, b: 500, c: 333 });
  });
});

describe('leastBusy', () => {
  it('should pick the deployment with the fewest requests in flight', () => {
    const picked = leastBusy(
      [candidate({ id: 'a' }, { inFlight: 4 }), candidate({ id: 'b' }, { inFlight: 1 })],
      () => 0.5,
    );
    expect(picked?.deployment.id).toBe('b');
  });
});

describe('latencyBased', () => {
  const measured = [
    candidate({ id: 'slow' }, { latencyMs: 900 }),
    candidate({ id: 'fast' }, { latencyMs: 100 }),
  ];

  it('should pick the fastest deployment most of the time', () => {
    expect(spread((random) => latencyBased(measured, random)).fast).toBeGreaterThanOrEqual(900);
  });

  it('should explore a share of the time', () => {
    expect(spread((random) => latencyBased(measured, random)).slow).toBeGreaterThan(0);
  });

  it('should try a deployment never measured first', () => {
    const picked = latencyBased([...measured, candidate({ id: 'new' })], () => 0.99);
    expect(picked?.deployment.id).toBe('new');
  });
});

describe('usageBased', () => {
  it('should pick the most headroom and skip deployments at their limit', () => {
    const candidates = [
      candidate({ id: 'full', rpm: 10 }, { requestsThisMinute: 10 }),
      candidate({ id: 'half', rpm: 10 }, { requestsThisMinute: 5 }),
      candidate({ id: 'tokens', tpm: 1000 }, { tokensThisMinute: 100 }),
    ];
    expect(usageBased(candidates, () => 0.5)?.deployment.id).toBe('tokens');
    expect(usageBased(candidates.slice(0, 1), () => 0.5)).toBeUndefined();
  });
});

describe('costBased', () => {
  it('should pick the cheapest deployment', () => {
    const picked = costBased(
      [
        candidate({
          id: 'dear',
          prices: { input_cost_per_token: 1e-5, output_cost_per_token: 3e-5 },
        }),
        candidate({
          id: 'cheap',
          prices: { input_cost_per_token: 1e-7, output_cost_per_token: 4e-7 },
        }),
      ],
      () => 0.5,
    );
    expect(picked?.deployment.id).toBe('cheap');
  });
});

describe('pickDeployment', () => {
  it('should use a higher order only when the lower one has nobody to take the request', () => {
    const primary = candidate({ id: 'primary', order: 1, rpm: 1 }, { requestsThisMinute: 1 });
    const backup = candidate({ id: 'backup', order: 2 });
    expect(pickDeployment('simple-shuffle', [primary, backup], () => 0.5)?.deployment.id).toBe(
      'primary',
    );
    expect(pickDeployment('usage-based-routing', [primary, backup], () => 0.5)?.deployment.id).toBe(
      'backup',
    );
  });

  it('should count a deployment without order as order 1', () => {
    const unordered = candidate({ id: 'unordered' });
    const second = candidate({ id: 'second', order: 2 });
    expect(pickDeployment('simple-shuffle', [second, unordered], () => 0.99)?.deployment.id).toBe(
      'unordered',
    );
  });
});
