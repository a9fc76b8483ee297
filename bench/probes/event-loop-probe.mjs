// Preloaded into a gateway for the soak (`node --import`): every BENCH_LOOP_INTERVAL_MS it
// appends the event-loop delay of the main thread over the last interval to BENCH_LOOP_FILE,
// one JSON line, in milliseconds. It measures from inside the process without any change
// to the gateway's code, and costs one timer and one small file write per interval.
// Node's histogram records the time between two ticks of its sampling timer, the timer's own
// period included (an idle process reads about 10 ms): the period is taken off, so that the
// lines say how late the loop was.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';
import { setInterval } from 'node:timers';

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const intervalMs = Number(process.env.BENCH_LOOP_INTERVAL_MS) || 10_000;
  const ms = (nanoseconds) => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  setInterval(() => {
    const line = {
      time: Date.now(),
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    histogram.reset();
  }, intervalMs).unref();
}
