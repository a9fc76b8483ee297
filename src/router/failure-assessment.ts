import type { PolicyErrorKind } from '../config/sereno-config.js';
import { ProviderError } from '../errors/provider-error.js';
import { SerenoError } from '../errors/sereno-error.js';

/** Which fallback list a failure may move a request to. */
export type FallbackKind = 'general' | 'context_window' | 'content_policy' | 'none';

/** What the router makes of one failed attempt. */
export interface FailureAssessment {
  /** The kind `retry_policy` and `allowed_fails_policy` name it by. */
  policyKind: PolicyErrorKind;
  /** Whether another attempt may succeed where this one failed. */
  retryable: boolean;
  fallback: FallbackKind;
  /** A fault of the deployment, counted towards `allowed_fails`; a client's mistake is not. */
  countsAgainstDeployment: boolean;
  /** 429, 401 and 404 take a deployment out at once when its group has others. */
  coolDownAtOnce: boolean;
  retryAfterMs: number | undefined;
}

const notAFailure: Omit<FailureAssessment, 'policyKind'> = {
  retryable: false,
  fallback: 'none',
  countsAgainstDeployment: false,
  coolDownAtOnce: false,
  retryAfterMs: undefined,
};

/**
 * Retries go to timeouts, connection errors, 408, 409, 429, 5xx and in-band overloads;
 * never to 400, 401, 403, 404 or 422, which another attempt would only repeat.
 */
export function assessFailure(error: unknown): FailureAssessment {
  if (!(error instanceof SerenoError)) return { ...notAFailure, policyKind: 'internalServer' };
  const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : undefined;

  switch (error.code) {
    case 'context_length_exceeded':
      return { ...notAFailure, policyKind: 'badRequest', fallback: 'context_window' };
    case 'content_filter':
      return { ...notAFailure, policyKind: 'contentPolicy', fallback: 'content_policy' };
    case 'upstream_authentication':
      return deploymentFault('authentication', false, true, retryAfterMs);
    case 'upstream_permission':
      return deploymentFault('authentication', false, false, retryAfterMs);
    case 'upstream_not_found':
      return deploymentFault('badRequest', false, true, retryAfterMs);
    case 'upstream_rate_limited':
      return deploymentFault('rateLimit', true, true, retryAfterMs);
    case 'upstream_timeout':
      return deploymentFault('timeout', true, false, retryAfterMs);
    case 'upstream_error':
    case 'upstream_overloaded':
    case 'upstream_connection_error':
    case 'upstream_invalid_response':
      return deploymentFault('internalServer', true, false, retryAfterMs);
    default:
      return { ...notAFailure, policyKind: 'badRequest' };
  }
}

function deploymentFault(
  policyKind: PolicyErrorKind,
  retryable: boolean,
  coolDownAtOnce: boolean,
  retryAfterMs: number | undefined,
): FailureAssessment {
  return {
    policyKind,
    retryable,
    fallback: 'general',
    countsAgainstDeployment: true,
    coolDownAtOnce,
    retryAfterMs,
  };
}
