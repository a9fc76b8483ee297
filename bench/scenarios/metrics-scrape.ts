const loopLagGauge = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})?\s+([0-9.eE+-]+)\s*$/m;

/**
 * prom-client samples the loop with a 10 ms timer by default and its gauges include that
 * period (an idle process reads about 10 ms); it is taken off, as the probe takes it off.
 */
const promClientResolutionMs = 10;

/**
 * Reads `nodejs_eventloop_lag_p99_seconds` from Sereno's /metrics, as ms of delay; undefined
 * when the route or the gauge is not there. prom-client resets its histogram on each scrape,
 * so the value covers the time since the previous sample.
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
    return value === undefined
      ? undefined
      : Math.max(0, Number(value) * 1000 - promClientResolutionMs);
  } catch {
    return undefined;
  }
}
