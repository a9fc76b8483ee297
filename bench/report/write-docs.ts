import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { repoPath } from '../repo-paths.js';
import type { ChartFile } from './charts.js';

const docsPath = repoPath('docs', 'benchmarks.md');

/** Writes a run's charts under docs/benchmarks/<stamp>/; returns their paths from docs/. */
export async function writeCharts(
  stamp: string,
  charts: ChartFile[],
): Promise<{ path: string; title: string }[]> {
  if (charts.length === 0) return [];
  const directory = runDirectory(stamp);
  await mkdir(directory, { recursive: true });
  const written = [];
  for (const chart of charts) {
    await writeFile(`${directory}/${chart.name}`, chart.svg);
    written.push({ path: `benchmarks/${stamp}/${chart.name}`, title: chart.title });
  }
  return written;
}

/** Appends a run's section to docs/benchmarks.md, formatted as prettier formats the repo. */
export async function appendRunToDocs(section: string): Promise<string> {
  const before = existsSync(docsPath) ? await readFile(docsPath, 'utf8') : '# Benchmarks\n';
  const joined = `${before.trimEnd()}\n\n${section}`;
  const options = (await resolveConfig(docsPath)) ?? {};
  const formatted = await format(joined, { ...options, filepath: docsPath });
  await writeFile(docsPath, formatted);
  return docsPath;
}

/**
 * Keeps the run's numbers as JSON beside its charts, so that a later change can compare
 * with them or plot them again without re-running.
 */
export async function writeRunData(stamp: string, run: unknown): Promise<void> {
  const directory = runDirectory(stamp);
  await mkdir(directory, { recursive: true });
  await writeFile(`${directory}/run.json`, `${JSON.stringify(run, null, 2)}\n`);
}

function runDirectory(stamp: string): string {
  return repoPath('docs', 'benchmarks', stamp);
}

/** A file-name-safe stamp of the run's start, such as `2025-06-01T1204Z`. */
export function runStamp(startedAt: Date): string {
  return `${startedAt.toISOString().slice(0, 16).replace(':', '')}Z`;
}
