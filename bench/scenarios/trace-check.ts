/** Whether Sereno stored a trace for every call it forwarded during a phase of the run. */
export interface TraceCheck {
  phase: string;
  /** Answers the load generators received complete (warm-up runs included). */
  completedByClients: number;
  /** Failed answers the load generators saw. */
  clientErrors: number;
  /** Chat requests the upstream received from Sereno. */
  forwardedUpstream: number;
  /** Rows in Sereno's `traces` table after it stopped and wrote out its queue. */
  storedTraces: number;
  /** Stored traces equal forwarded calls and no client saw an error. */
  passed: boolean;
}

export function traceCheck(
  phase: string,
  counts: Omit<TraceCheck, 'phase' | 'passed'>,
): TraceCheck {
  return {
    phase,
    ...counts,
    passed:
      counts.storedTraces === counts.forwardedUpstream &&
      counts.clientErrors === 0 &&
      counts.completedByClients <= counts.forwardedUpstream,
  };
}
