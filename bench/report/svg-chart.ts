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
const margin = { left: 80, right: 180, top: 48, bottom: 56 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/**
 * A line chart as SVG text, on a log scale (latencies here span four orders of magnitude),
 * with evenly spaced x positions for the labels given.
 */
export function lineChartSvg(chart: LineChart): string {
  const values = chart.series.flatMap((series) => series.values).filter(isPositive);
  if (values.length === 0) values.push(1);
  const low = Math.floor(Math.log10(Math.min(...values)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...values))));
  const y = (value: number) =>
    margin.top + plotHeight - ((Math.log10(value) - low) / Math.max(1, high - low)) * plotHeight;
  const step = chart.xLabels.length === 1 ? 0 : plotWidth / (chart.xLabels.length - 1);
  const x = (index: number) => margin.left + (step === 0 ? plotWidth / 2 : index * step);
  const middle = margin.top + plotHeight / 2;

  const parts = [
    element('rect', { width, height, fill: '#ffffff' }),
    element(
      'text',
      {
        x: (width - margin.right) / 2,
        y: 24,
        'text-anchor': 'middle',
        'font-size': 14,
        'font-weight': 'bold',
      },
      chart.title,
    ),
    ...yGrid(low, high, y),
    ...xAxis(chart.xLabels, x),
    element(
      'text',
      { x: margin.left + plotWidth / 2, y: height - 14, 'text-anchor': 'middle' },
      chart.xTitle,
    ),
    element(
      'text',
      { transform: `translate(18 ${middle}) rotate(-90)`, 'text-anchor': 'middle' },
      chart.yTitle,
    ),
    ...chart.series.flatMap((series) => seriesLine(series, x, y)),
    ...legend(chart.series),
  ];
  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': 'sans-serif',
    'font-size': 12,
  };
  return `<svg ${attributes(root)}>\n${parts.join('\n')}\n</svg>\n`;
}

function yGrid(low: number, high: number, y: (value: number) => number): string[] {
  const lines = [];
  for (let power = low; power <= high; power += 1) {
    const value = 10 ** power;
    const at = round(y(value));
    lines.push(
      element('line', {
        x1: margin.left,
        x2: margin.left + plotWidth,
        y1: at,
        y2: at,
        stroke: '#dddddd',
      }),
      element(
        'text',
        { x: margin.left - 8, y: at, 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        formatTick(value),
      ),
    );
  }
  return lines;
}

function xAxis(labels: string[], x: (index: number) => number): string[] {
  const bottom = margin.top + plotHeight;
  const axis = { x1: margin.left, x2: margin.left + plotWidth, y1: bottom, y2: bottom };
  return [
    element('line', { ...axis, stroke: '#444444' }),
    ...labels.map((label, index) =>
      element('text', { x: round(x(index)), y: bottom + 18, 'text-anchor': 'middle' }, label),
    ),
  ];
}

function seriesLine(
  series: ChartSeries,
  x: (index: number) => number,
  y: (value: number) => number,
): string[] {
  const points = series.values.flatMap((value, index) =>
    isPositive(value) ? [{ cx: round(x(index)), cy: round(y(value)) }] : [],
  );
  if (points.length === 0) return [];
  const line = {
    points: points.map((point) => `${point.cx},${point.cy}`).join(' '),
    fill: 'none',
    stroke: series.color,
    'stroke-width': 2,
    ...(series.dashed ? { 'stroke-dasharray': '6 4' } : {}),
  };
  return [
    element('polyline', line),
    ...points.map((point) => element('circle', { ...point, r: 3, fill: series.color })),
  ];
}

function legend(series: ChartSeries[]): string[] {
  const left = width - margin.right + 16;
  return series.flatMap((entry, index) => {
    const top = margin.top + 8 + index * 20;
    const line = {
      x1: left,
      x2: left + 26,
      y1: top,
      y2: top,
      stroke: entry.color,
      'stroke-width': 2,
      ...(entry.dashed ? { 'stroke-dasharray': '6 4' } : {}),
    };
    return [
      element('line', line),
      element('text', { x: left + 32, y: top, 'dominant-baseline': 'middle' }, entry.name),
    ];
  });
}

/** An SVG element; its text, when given, is escaped. */
function element(
  name: string,
  attributeValues: Record<string, string | number>,
  text?: string,
): string {
  const open = `<${name} ${attributes(attributeValues)}`;
  return text === undefined ? `${open}/>` : `${open}>${escape(text)}</${name}>`;
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${escape(String(value))}"`)
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function isPositive(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

function formatTick(value: number): string {
  return value >= 1 ? `${value} ms` : `${Number(value.toPrecision(1))} ms`;
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
