import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RoutedOutcome } from '../gateway/record-success.js';
import { formatUsd } from '../pricing/cost.js';

/**
 * Reports how a non-streamed call went: its deployment and cost on the request's log line,
 * and the `x-sereno-deployment`, `-response-cost`, `-attempts` and `-fallbacks` headers
 * the client sees with the answer.
 */
export function reportOutcome(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: RoutedOutcome<unknown>,
): FastifyReply {
  request.logFields.deployment = outcome.deployment.id;
  request.logFields.costUsd = outcome.cost.total;
  return reply
    .header('x-sereno-deployment', outcome.deployment.id)
    .header('x-sereno-response-cost', formatUsd(outcome.cost.total))
    .header('x-sereno-attempts', String(outcome.attempts))
    .header('x-sereno-fallbacks', String(outcome.fallbacks));
}
