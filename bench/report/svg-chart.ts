/** One line of a chart: a value per x position, missing where it was not measured. */
export interface ChartSeries {
  name: string;
  color: string;
  dashed: boolean;
  values: (number | undefined)[];
}

export interface LineChart {
  title: string;
  xTitle: string;
  xLabels: string[];
  yTitle: string;
  series: ChartSeries[];
}

const width = 680;
const height = 420;
const margin = { left: 70, right: 180, top: 48, bottom: 56 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/**
 * A line chart as SVG text, on a log scale (latencies here span four orders of magnitude),
 * with evenly spaced x positions for the labels given.
 */
export function lineChartSvg(chart: LineChart): string {
  const values = chart.series.flatMap((series) => series.values).filter(isPositive);
  const low = Math.floor(Math.log10(Math.min(...values, 1)));
  const high = Math.ceil(Math.log10(Math.max(...values, 1)));
  const y = (value: number) =>
    margin.top + plotHeight - ((Math.log10(value) - low) / Math.max(1, high - low)) * plotHeight;
  const x = (index: number) =>
    margin.left +
    (chart.xLabels.length === 1 ? plotWidth / 2 : (index / (chart.xLabels.length - 1)) * plotWidth);

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2 - margin.right / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
    ...yGrid(low, high, y),
    ...xAxis(chart.xLabels, x),
    `<text x="${margin.left + plotWidth / 2}" y="${height - 14}" text-anchor="middle">${escape(chart.xTitle)}</text>`,
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yTitle)}</text>`,
    ...chart.series.flatMap((series) => seriesLine(series, x, y)),
    ...legend(chart.series),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function yGrid(low: number, high: number, y: (value: number) => number): string[] {
  const lines = [];
  for (let power = low; power <= high; power += 1) {
    const value = 10 ** power;
    const at = y(value).toFixed(1);
    lines.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${at}" y2="${at}" stroke="#dddddd"/>`,
      `<text x="${margin.left - 8}" y="${at}" text-anchor="end" dominant-baseline="middle">${formatTick(value)}</text>`,
    );
  }
  return lines;
}

function xAxis(labels: string[], x: (index: number) => number): string[] {
  const bottom = margin.top + plotHeight;
  const lines = [
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${bottom}" y2="${bottom}" stroke="#444444"/>`,
  ];
  labels.forEach((label, index) => {
    lines.push(
      `<text x="${x(index).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${escape(label)}</text>`,
    );
  });
  return lines;
}

function seriesLine(
  series: ChartSeries,
  x: (index: number) => number,
  y: (value: number) => number,
): string[] {
  const points = series.values
    .map((value, index) =>
      isPositive(value) ? `${x(index).toFixed(1)},${y(value).toFixed(1)}` : '',
    )
    .filter((point) => point !== '');
  if (points.length === 0) return [];
  const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
  return [
    `<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`,
    ...points.map((point) => {
      const [cx, cy] = point.split(',');
      return `<circle cx="${cx}" cy="${cy}" r="3" fill="${series.color}"/>`;
    }),
  ];
}

function legend(series: ChartSeries[]): string[] {
  const left = width - margin.right + 16;
  return series.flatMap((entry, index) => {
    const top = margin.top + 8 + index * 20;
    const dash = entry.dashed ? ' stroke-dasharray="6 4"' : '';
    return [
      `<line x1="${left}" x2="${left + 26}" y1="${top}" y2="${top}" stroke="${entry.color}" stroke-width="2"${dash}/>`,
      `<text x="${left + 32}" y="${top}" dominant-baseline="middle">${escape(entry.name)}</text>`,
    ];
  });
}

function isPositive(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

function formatTick(value: number): string {
  return value >= 1 ? `${value} ms` : `${Number(value.toPrecision(1))} ms`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
