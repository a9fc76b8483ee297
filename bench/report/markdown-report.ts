import { railsNote } from '../scenarios/micro-benchmarks.js';
import { addedSection, chartsSection, matrixSection, targetsSection } from './latency-sections.js';
import {
  microSection,
  profileSection,
  railsSection,
  soakSection,
  tracesSection,
} from './other-sections.js';
import type { BenchRun } from './run-record.js';

/** A load average at the start above which other work on the machine skews the numbers. */
const busyLoadAverage = 1;

/** The Markdown section of one run, as appended to docs/benchmarks.md and printed. */
export function runSection(run: BenchRun): string {
  const traceChecks = [
    ...(run.matrix?.traceChecks ?? []),
    ...(run.soak ? [run.soak.traceCheck] : []),
  ];
  const parts = [
    `### Run of ${run.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    ...(run.options.note ? [`_${run.options.note}_`] : []),
    setupList(run),
    targetsSection(run.targets),
    verdict(run),
    ...(run.matrix ? [matrixSection(run.comparisons), addedSection(run.comparisons)] : []),
    chartsSection(run.charts),
    railsSection(railsNote()),
    tracesSection(traceChecks),
    soakSection(run.soak),
    microSection(run.micro),
    profileSection(run.profile),
  ];
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function setupList(run: BenchRun): string {
  const { machine, versions, options } = run;
  const minutes = (run.finishedAt.getTime() - run.startedAt.getTime()) / 60_000;
  return [
    `- Machine: ${machine.cores} cores (${machine.cpuModel}), ` +
      `${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.kernel}, Node ${machine.node}. ` +
      `Load average (1 min): ${machine.loadAverage.toFixed(2)} at the start, ` +
      `${run.loadAverageAtEnd.toFixed(2)} at the end; the bench's own processes count in it.` +
      (machine.loadAverage >= busyLoadAverage
        ? ' The machine was busy with other work at the start: read this run as noisy, ' +
          'its tails most of all.'
        : ''),
    `- Versions: Sereno ${versions.sereno}; peer @portkey-ai/gateway ${versions.peer} with ` +
      `@hono/node-server ${versions.honoNodeServer}; wrk ${versions.wrk}; ` +
      `undici ${versions.undici}.`,
    `- Settings: targets ${options.targets.join(', ')}; ${options.warmupSeconds} s warm-up ` +
      `and ${options.durationSeconds} s measured per case; upstream gap between SSE frames ` +
      `${options.chunkDelayMs} ms; Sereno tracing on, log level ${options.serenoLogLevel} ` +
      '(to /dev/null), no rails.',
    `- The run took ${minutes.toFixed(1)} minutes.`,
  ].join('\n');
}

function verdict(run: BenchRun): string {
  const missed = run.targets.filter((target) => target.status === 'missed');
  const unmeasured = run.targets.filter((target) => target.status === 'not measured');
  const sentences = [];
  if (missed.length === 0) sentences.push('Every target measured in this run is met.');
  else {
    const each = missed.map((target) => `${lowerFirst(target.goal)} (${target.measured})`);
    sentences.push(`Missed: ${each.join('; ')}.`);
  }
  if (unmeasured.length > 0) {
    const each = unmeasured.map((target) => lowerFirst(target.goal));
    sentences.push(`Not measured in this run: ${each.join('; ')}.`);
  }
  return sentences.join(' ');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
