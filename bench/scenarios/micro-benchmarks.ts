import { existsSync } from 'node:fs';
import type { BenchOptions } from '../bench-options.js';
import {
  hasIngestionRoute,
  measureIngestion,
  type IngestionThroughput,
} from '../micro/ingestion-throughput.js';
import { runMicroScript, type MicroScriptResult } from '../micro/micro-script.js';
import { repoPath } from '../repo-paths.js';
import { startSerenoTarget } from '../targets/sereno-target.js';
import type { UpstreamProcess } from '../targets/upstream-process.js';

export interface IngestionMeasurement extends IngestionThroughput {
  /** Rows in `traces` after Sereno stopped; must equal `acceptedTraces`. */
  storedTraces: number;
}

export interface MicroResult {
  ingestion: IngestionMeasurement | 'not yet available';
  scripts: MicroScriptResult[];
  /** Rail throughput needs the guardrails, which Sereno does not have yet. */
  rails: string;
}

/** The scripts other parts of Sereno bring for their own hot paths, run when they exist. */
export const microScripts = ['bench-prompt-reads.ts', 'bench-trace-queries.ts'];
const scriptTimeoutSeconds = 180;

/** Ingested events per second, the micro-benchmark scripts, and a word on the rails. */
export async function runMicroBenchmarks(
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<MicroResult> {
  const ingestion = await ingestionThroughput(options, upstream);
  const scripts = [];
  for (const script of microScripts) {
    console.log(`micro: scripts/${script}`);
    scripts.push(await runMicroScript(script, scriptTimeoutSeconds));
  }
  return { ingestion, scripts, rails: railsNote() };
}

async function ingestionThroughput(
  options: BenchOptions,
  upstream: UpstreamProcess,
): Promise<IngestionMeasurement | 'not yet available'> {
  const sereno = await startSerenoTarget({
    upstreamOrigin: upstream.origin,
    logLevel: options.serenoLogLevel,
  });
  try {
    if (!(await hasIngestionRoute(sereno))) return 'not yet available';
    console.log('micro: ingestion events per second');
    const measured = await measureIngestion(sereno, options.microSeconds);
    await sereno.stop();
    return { ...measured, storedTraces: sereno.countStoredTraces() };
  } finally {
    await sereno.stop();
    await sereno.removeData();
  }
}

/** Why the rails are not measured: said in the report instead of a number. */
export function railsNote(): string {
  return existsSync(repoPath('src', 'guardrails'))
    ? 'src/guardrails exists, but the harness does not turn the rails on yet'
    : 'Sereno has no guardrails yet';
}
