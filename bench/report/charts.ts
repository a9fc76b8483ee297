import type { LoadMode, TargetName } from '../bench-options.js';
import type { CaseComparison } from './comparisons.js';
import { lineChartSvg, type ChartSeries } from './svg-chart.js';

/** One chart of a run: latency against concurrency for one body kind and upstream delay. */
export interface ChartFile {
  /** File name, such as `json-delay-0ms.svg`. */
  name: string;
  title: string;
  svg: string;
}

const colors: Record<TargetName, string> = {
  sereno: '#1b7f5f',
  peer: '#c2571a',
  direct: '#8a8a8a',
};

const names: Record<TargetName, string> = { sereno: 'Sereno', peer: 'peer', direct: 'direct' };

/**
 * A chart per body kind and delay: p50 (solid) and p99 (dashed) of Sereno and the peer, and
 * the direct path's p50 for reference. Streams chart the time to first token.
 */
export function latencyCharts(comparisons: CaseComparison[]): ChartFile[] {
  const groups = new Map<string, CaseComparison[]>();
  for (const comparison of comparisons) {
    const key = `${comparison.mode}-delay-${comparison.delayMs}ms`;
    groups.set(key, [...(groups.get(key) ?? []), comparison]);
  }
  const charts = [];
  for (const [key, group] of groups) {
    const first = group[0];
    if (!first || !group.some((cell) => cell.byTarget.sereno || cell.byTarget.peer)) continue;
    group.sort((a, b) => a.concurrency - b.concurrency);
    const title = chartTitle(first.mode, first.delayMs);
    const svg = lineChartSvg({
      title,
      xTitle: 'concurrent connections',
      xLabels: group.map((cell) => String(cell.concurrency)),
      yTitle: first.mode === 'stream' ? 'time to first token (log scale)' : 'latency (log scale)',
      series: seriesOf(group, first.mode),
    });
    charts.push({ name: `${key}.svg`, title, svg });
  }
  return charts;
}

function chartTitle(mode: LoadMode, delayMs: number): string {
  const what = mode === 'stream' ? 'Streams, time to first token' : 'JSON, latency';
  return `${what}, upstream delay ${delayMs} ms`;
}

function seriesOf(group: CaseComparison[], mode: LoadMode): ChartSeries[] {
  const read = (name: TargetName, percentile: 'p50' | 'p99') =>
    group.map((cell) => {
      const load = cell.byTarget[name]?.load;
      const latency = mode === 'stream' ? load?.timeToFirstToken : load?.latency;
      return latency?.[percentile];
    });
  const series: ChartSeries[] = [];
  for (const name of ['sereno', 'peer'] as const) {
    series.push(
      { name: `${names[name]} p50`, color: colors[name], dashed: false, values: read(name, 'p50') },
      { name: `${names[name]} p99`, color: colors[name], dashed: true, values: read(name, 'p99') },
    );
  }
  series.push({
    name: 'direct p50',
    color: colors.direct,
    dashed: false,
    values: read('direct', 'p50'),
  });
  return series.filter((entry) => entry.values.some((value) => value !== undefined));
}
