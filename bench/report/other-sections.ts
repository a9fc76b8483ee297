import type { ProfileResult } from '../profile/cpu-profile.js';
import type { ProfileSummary } from '../profile/profile-summary.js';
import type { MicroResult } from '../scenarios/micro-benchmarks.js';
import type { SoakResult } from '../scenarios/soak.js';
import type { TraceCheck } from '../scenarios/trace-check.js';
import { formatMs, formatNumber, markdownTable } from './markdown-table.js';

/** Stored traces against the calls Sereno served, per phase. */
export function tracesSection(checks: TraceCheck[]): string {
  if (checks.length === 0) return '';
  const rows = checks.map((check) => [
    check.phase,
    formatNumber(check.completedByClients),
    formatNumber(check.clientErrors),
    formatNumber(check.callsServed),
    formatNumber(check.storedTraces),
    check.passed ? 'equal' : '**differ**',
  ]);
  const headers = [
    'phase',
    'answers received',
    'client errors',
    'calls Sereno served',
    'stored traces',
    'result',
  ];
  return (
    '#### Every call traced\n\n' +
    'In the latency matrix "calls Sereno served" counts what the upstream received from ' +
    'Sereno: wrk cuts the requests in flight when a run ends, so clients receive fewer ' +
    "answers than Sereno served. The soak's client cuts nothing, so there it is the " +
    'number of requests sent.\n\n' +
    markdownTable(headers, rows)
  );
}

export function railsSection(railsNote: string): string {
  return `#### Sereno with the cheap rails on (PII and secrets)\n\nNot run: ${railsNote}.`;
}

export function soakSection(soak: SoakResult | undefined): string {
  if (!soak) return '#### Soak\n\nNot run.';
  const rows = soak.samples.map((sample) => [
    String(sample.elapsedSeconds),
    sample.rssMb.toFixed(1),
    sample.cpuCores.toFixed(2),
    formatMs(sample.loopDelayP50Ms),
    formatMs(sample.loopDelayP99Ms),
    formatMs(sample.loopDelayMaxMs),
    formatMs(sample.metricsLoopLagP99Ms),
  ]);
  const headers = [
    's',
    'RSS MB',
    'CPU cores',
    'loop delay p50 ms',
    'p99 ms',
    'max ms',
    '/metrics lag p99 ms',
  ];
  const probe =
    'The event-loop delay comes from a probe preloaded into the process ' +
    '(`monitorEventLoopDelay`, over the interval before each sample)';
  const metricsNote = soak.metricsHadLoopLag
    ? `${probe}, and from \`nodejs_eventloop_lag_p99_seconds\` on Sereno's /metrics. Both ` +
      'sample with a 10 ms timer and count its period in the delay (an idle process reads ' +
      '10 ms); the table takes it off both.'
    : `${probe}, its 10 ms sampling period taken off. Sereno's /metrics had no ` +
      '`nodejs_eventloop_lag_p99_seconds` during this run.';
  return [
    '#### Soak',
    `${soak.seconds} s of mixed load on Sereno, tracing on: ${formatNumber(
      soak.json.requestsPerSecond,
    )} JSON calls/s and ${formatNumber(soak.stream.requestsPerSecond)} streams/s ` +
      `(${formatNumber(soak.json.requests + soak.stream.requests)} calls, ` +
      `${soak.json.errors + soak.stream.errors} errors). After the ` +
      `${soak.warmupSeconds.toFixed(0)} s warm-up RSS moved between ` +
      `${soak.rssLowMb.toFixed(0)} and ${soak.rssHighMb.toFixed(0)} MB with garbage ` +
      `collection; its mean went from ${soak.rssAfterWarmupMb.toFixed(0)} MB (first quarter ` +
      `after warm-up) to ${soak.rssAtEndMb.toFixed(0)} MB (last quarter): drift ` +
      `${soak.driftPercent.toFixed(1)}%. Stored traces: ` +
      `${formatNumber(soak.traceCheck.storedTraces)} for ` +
      `${formatNumber(soak.traceCheck.callsServed)} requests sent ` +
      `(${soak.traceCheck.passed ? 'equal' : '**they differ**'}).`,
    metricsNote,
    markdownTable(headers, rows),
  ].join('\n\n');
}

export function microSection(micro: MicroResult | undefined): string {
  if (!micro) return '#### Micro-benchmarks\n\nNot run.';
  const parts = ['#### Micro-benchmarks'];
  const ingestion = micro.ingestion;
  if (ingestion === 'not yet available') {
    parts.push('Ingested events per second: not yet available (no `POST /api/public/ingestion`).');
  } else {
    parts.push(
      `Ingested events per second (\`POST /api/public/ingestion\`, Langfuse batches of ` +
        `trace-create and generation-create, ${ingestion.connections} connections, ` +
        `${ingestion.seconds.toFixed(1)} s): **${formatNumber(ingestion.eventsPerSecond)} ` +
        `events/s**; ${formatNumber(ingestion.acceptedEvents)} accepted, ` +
        `${ingestion.rejectedEvents} rejected, ${ingestion.failedBatches} batches refused; ` +
        `stored traces ${formatNumber(ingestion.storedTraces)} for ` +
        `${formatNumber(ingestion.acceptedTraces)} accepted.`,
    );
  }
  for (const script of micro.scripts) {
    if (script.status === 'not yet available') {
      parts.push(`\`scripts/${script.script}\`: not yet available.`);
    } else {
      parts.push(
        `\`scripts/${script.script}\` (${script.status}), as it printed:\n\n` +
          '```text\n' +
          `${script.output}\n` +
          '```',
      );
    }
  }
  parts.push(`Rail throughput (MB/s): not yet available (${micro.rails}).`);
  return parts.join('\n\n');
}

export function profileSection(profile: ProfileResult | string): string {
  if (typeof profile === 'string') return `#### Where the time goes\n\n${profile}`;
  const parts = [
    '#### Where the time goes (CPU profile of Sereno under load)',
    `\`node --cpu-prof\`, JSON at concurrency ${profile.concurrency}, no upstream delay: ` +
      `${formatNumber(profile.load.requestsPerSecond)} req/s while profiled. ` +
      'Self time by area, in percent of the busy (not idle) time of the thread:',
    threadTable('main thread', profile.mainThread),
    'The functions with the most self time on the main thread:',
    functionTable(profile.mainThread),
  ];
  for (const [index, worker] of profile.workerThreads.entries()) {
    parts.push(threadTable(`worker thread ${index + 1} (the SQLite store)`, worker));
  }
  return parts.join('\n\n');
}

function threadTable(name: string, summary: ProfileSummary): string {
  const rows = summary.areas
    .slice(0, 10)
    .map((area) => [area.area, area.percent.toFixed(1), area.ms.toFixed(0)]);
  const busy = `${summary.busyMs.toFixed(0)} ms busy of ${summary.sampledMs.toFixed(0)} ms`;
  const families = summary.families
    .map((family) => `${family.family} ${family.percent.toFixed(0)}%`)
    .join(', ');
  return (
    `${name}: ${busy} sampled during the load. ${families}.\n\n` +
    markdownTable(['area', '% of busy', 'self ms'], rows)
  );
}

function functionTable(summary: ProfileSummary): string {
  const rows = summary.functions.map((entry) => [
    `\`${entry.name}\``,
    entry.location ? `\`${entry.location}\`` : '',
    entry.area,
    entry.percent.toFixed(1),
  ]);
  return markdownTable(['function', 'where', 'area', '% of busy'], rows);
}
