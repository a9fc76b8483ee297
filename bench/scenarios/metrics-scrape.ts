const loopLagGauge = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})?\s+([0-9.eE+-]+)\s*$/m;

/**
 * Reads `nodejs_eventloop_lag_p99_seconds` from Sereno's /metrics, in ms; undefined when the
 * route or the gauge is not there (prom-client's default metrics are not registered).
 */
export async function readLoopLagFromMetrics(
  origin: string,
  masterKey: string,
): Promise<number | undefined> {
  try {
    const response = await fetch(`${origin}/metrics`, {
      headers: { authorization: `Bearer ${masterKey}` },
      signal: AbortSignal.timeout(2_000),
    });
    const text = await response.text();
    if (!response.ok) return undefined;
    const value = loopLagGauge.exec(text)?.[1];
    return value === undefined ? undefined : Number(value) * 1000;
  } catch {
    return undefined;
  }
}
