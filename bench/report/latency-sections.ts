import type { TargetName } from '../bench-options.js';
import type { LatencyMeasurement } from '../scenarios/latency-matrix.js';
import type { CaseComparison } from './comparisons.js';
import { formatMs, formatNumber, markdownTable, sideBySide } from './markdown-table.js';
import type { TargetCheck } from './target-checks.js';

const order: TargetName[] = ['direct', 'sereno', 'peer'];

/** Sereno's targets, met or missed, in plain words. */
export function targetsSection(targets: TargetCheck[]): string {
  const rows = targets.map((target) => [
    target.goal,
    target.limit,
    target.measured,
    target.status === 'met' ? 'met' : target.status === 'missed' ? '**missed**' : 'not measured',
  ]);
  return `#### Targets\n\n${markdownTable(['target', 'goal', 'measured', 'result'], rows)}`;
}

/** Every case, the three targets side by side in each cell. */
export function matrixSection(comparisons: CaseComparison[]): string {
  const rows = comparisons.map((comparison) => {
    const each = (read: (measurement: LatencyMeasurement) => string | undefined) =>
      sideBySide(
        order.map((name) => {
          const measurement = comparison.byTarget[name];
          return measurement ? read(measurement) : undefined;
        }),
      );
    const gateways = (read: (measurement: LatencyMeasurement) => string | undefined) =>
      sideBySide(
        ['sereno' as const, 'peer' as const].map((name) => {
          const measurement = comparison.byTarget[name];
          return measurement ? read(measurement) : undefined;
        }),
      );
    return [
      caseLabel(comparison),
      each((m) => formatNumber(m.load.requestsPerSecond)),
      each((m) => formatMs(m.load.latency.p50)),
      each((m) => formatMs(m.load.latency.p90)),
      each((m) => formatMs(m.load.latency.p99)),
      comparison.mode === 'stream' ? each((m) => formatMs(m.load.timeToFirstToken?.p50)) : '',
      gateways((m) => (m.usage ? m.usage.cpuCores.toFixed(2) : undefined)),
      gateways((m) => formatMs(cpuMsPerRequest(m))),
      gateways((m) => (m.usage ? m.usage.peakRssMb.toFixed(0) : undefined)),
      each((m) => (m.load.errors > 0 ? String(m.load.errors) : '0')),
    ];
  });
  const headers = [
    'case',
    'req/s',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'TTFT p50 ms',
    'CPU cores (Sereno / peer)',
    'CPU ms per request (Sereno / peer)',
    'peak RSS MB (Sereno / peer)',
    'errors',
  ];
  return (
    '#### Latency and throughput\n\n' +
    'Each cell reads direct / Sereno / peer unless its header says otherwise. ' +
    'TTFT is the time to the first content token of a stream.\n\n' +
    markdownTable(headers, rows)
  );
}

/** What each gateway adds over the direct path, and the throughput ratios. */
export function addedSection(comparisons: CaseComparison[]): string {
  const rows = comparisons.map((comparison) => {
    const added = (name: 'sereno' | 'peer') => {
      const latency = comparison.added[name];
      return latency
        ? sideBySide([formatMs(latency.p50), formatMs(latency.p90), formatMs(latency.p99)])
        : '–';
    };
    const firstToken = (name: 'sereno' | 'peer') =>
      formatMs(comparison.added[name]?.timeToFirstTokenP50);
    return [
      caseLabel(comparison),
      added('sereno'),
      added('peer'),
      comparison.mode === 'stream' ? sideBySide([firstToken('sereno'), firstToken('peer')]) : '',
      formatRatio(comparison.serenoOverPeer),
      formatRatio(comparison.serenoOverDirect),
    ];
  });
  const headers = [
    'case',
    'Sereno adds p50 / p90 / p99 ms',
    'peer adds p50 / p90 / p99 ms',
    'added TTFT p50 ms (Sereno / peer)',
    'req/s Sereno ÷ peer',
    'req/s Sereno ÷ direct',
  ];
  return (
    '#### Added latency and ratios\n\n' +
    "Added latency is the gateway's percentile minus the direct path's at the same " +
    'percentile, in the same case.\n\n' +
    markdownTable(headers, rows)
  );
}

export function chartsSection(charts: { path: string; title: string }[]): string {
  if (charts.length === 0) return '';
  const images = charts.map((chart) => `![${chart.title}](${chart.path})`).join('\n\n');
  return `#### Latency against concurrency\n\n${images}`;
}

/** The gateway's CPU time per answered request over the case, warm-up included. */
function cpuMsPerRequest(measurement: LatencyMeasurement): number | undefined {
  const answered = measurement.load.requests + (measurement.load.warmup?.requests ?? 0);
  if (!measurement.usage || answered === 0) return undefined;
  return (measurement.usage.cpuSeconds * 1000) / answered;
}

function caseLabel(comparison: CaseComparison): string {
  return `${comparison.mode}, delay ${comparison.delayMs} ms, c=${comparison.concurrency}`;
}

function formatRatio(value: number | undefined): string {
  return value === undefined ? '–' : `${value.toFixed(2)} x`;
}
