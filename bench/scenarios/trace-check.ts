/** Whether Sereno stored a trace for every call it forwarded during a phase of the run. */
export interface TraceCheck {
  phase: string;
  /** Answers the load generators received complete (warm-up runs included). */
  completedByClients: number;
  /** Failed answers the load generators saw. */
  clientErrors: number;
  /**
   * Calls Sereno served. In the latency matrix, the chat requests the upstream received from
   * it (wrk cuts the requests in flight at the end of a run, so clients cannot count them);
   * in the soak, the requests its client sent, none of which is cut.
   */
  callsServed: number;
  /** Rows in Sereno's `traces` table after it stopped and wrote out its queue. */
  storedTraces: number;
  /** Stored traces equal the calls served and no client saw an error. */
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
      counts.storedTraces === counts.callsServed &&
      counts.clientErrors === 0 &&
      counts.completedByClients <= counts.callsServed,
  };
}
