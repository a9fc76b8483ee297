/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  /** Monotonic clock, microseconds: the clock of `process.hrtime`. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the monotonic clock, in microseconds, to which the summary is limited. */
export interface ProfileWindow {
  startUs: number;
  endUs: number;
}

/** Where the sampled time of one thread went, busy time only (idle left out). */
export interface ProfileSummary {
  sampledMs: number;
  busyMs: number;
  /** Self time by area: Sereno's folders, packages, Node's internals, GC. Largest first. */
  areas: { area: string; ms: number; percent: number }[];
  /** The areas gathered into Sereno's code, packages, Node's internals and the rest. */
  families: { family: string; percent: number }[];
  /** Self time by function, largest first. */
  functions: { name: string; area: string; location: string; ms: number; percent: number }[];
}

/**
 * Sums self time per function and per area from the samples' time deltas, counting only the
 * samples inside `window` (the measured load, without start-up and shutdown).
 */
export function summariseProfile(
  profile: CpuProfile,
  window: ProfileWindow,
  topFunctions = 12,
): ProfileSummary {
  const selfMicroseconds = new Map<number, number>();
  let time = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    time += delta;
    if (time < window.startUs || time > window.endUs) return;
    selfMicroseconds.set(nodeId, (selfMicroseconds.get(nodeId) ?? 0) + delta);
  });

  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; area: string; location: string; us: number }>();
  let sampled = 0;
  let busy = 0;
  for (const node of profile.nodes) {
    const us = selfMicroseconds.get(node.id) ?? 0;
    sampled += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || us === 0) continue;
    busy += us;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const location = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${location}`;
    const entry = functions.get(key) ?? {
      name: functionName || '(anonymous)',
      area,
      location,
      us: 0,
    };
    entry.us += us;
    functions.set(key, entry);
  }

  const percent = (us: number) => (busy === 0 ? 0 : (us / busy) * 100);
  const families = new Map<string, number>();
  for (const [area, us] of areas) {
    const family = familyOf(area);
    families.set(family, (families.get(family) ?? 0) + us);
  }
  return {
    sampledMs: sampled / 1000,
    busyMs: busy / 1000,
    areas: [...areas]
      .map(([area, us]) => ({ area, ms: us / 1000, percent: percent(us) }))
      .sort((a, b) => b.ms - a.ms),
    families: [...families]
      .map(([family, us]) => ({ family, percent: percent(us) }))
      .sort((a, b) => b.percent - a.percent),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topFunctions)
      .map((entry) => ({ ...entry, ms: entry.us / 1000, percent: percent(entry.us) })),
  };
}

/** The area a frame belongs to: `sereno/<folder>`, a package, `node:<module>`, or V8's own. */
export function areaOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8 itself (program)';
  if (url === '') return 'native functions (socket writes, postMessage...)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return `package ${packageMatch[1]}`;
  if (url.startsWith('node:')) {
    const module =
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0] ?? url;
    return `node:${module}`;
  }
  const serenoMatch = /\/dist\/([^/]+)\//.exec(url);
  if (serenoMatch) return `sereno ${serenoMatch[1]}`;
  return 'other';
}

function familyOf(area: string): string {
  if (area.startsWith('sereno ')) return "Sereno's code";
  if (area.startsWith('package ')) return 'packages';
  if (area.startsWith('node:')) return "Node's JavaScript internals";
  return area;
}

function shortUrl(url: string): string {
  const packageIndex = url.lastIndexOf('node_modules/');
  if (packageIndex >= 0) return url.slice(packageIndex + 'node_modules/'.length);
  const distIndex = url.lastIndexOf('/dist/');
  if (distIndex >= 0) return url.slice(distIndex + 1);
  return url.replace(/^file:\/\//, '');
}
