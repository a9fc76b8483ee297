import type { Deployment } from '../models/deployment.js';
import { computeCost, type CostBreakdown } from '../pricing/cost.js';
import type { TokenUsage } from '../pricing/token-usage.js';
import type { RoutedResult } from '../router/attempt.js';
import type { CallRecorder } from './call-recorder.js';

/** How a routed, non-streamed call went: its answer, where it went and what it cost. */
export interface RoutedOutcome<Response> {
  response: Response;
  deployment: Deployment;
  /** The usage priced. */
  usage: TokenUsage;
  cost: CostBreakdown;
  attempts: number;
  fallbacks: number;
}

/** What a call answered, before it is priced. */
export interface CallAnswer<Response> {
  response: Response;
  /** What the trace shows as the call's output. */
  output: unknown;
  usage: TokenUsage;
  /** The upstream reported no usage; Sereno counted it. */
  usageEstimated?: boolean;
}

/** Prices a routed call's usage at its deployment's prices and records it as the call's success. */
export function recordSuccess<Response>(
  recorder: CallRecorder,
  routed: RoutedResult<unknown>,
  answer: CallAnswer<Response>,
): RoutedOutcome<Response> {
  const { deployment, attempts, fallbacks } = routed;
  const { response, output, usage, usageEstimated } = answer;
  const cost = computeCost(usage, deployment.prices);
  recorder.succeed({ deployment, output, usage, cost, usageEstimated });
  return { response, deployment, usage, cost, attempts, fallbacks };
}
