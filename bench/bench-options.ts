import { parseArgs } from 'node:util';

/** The parts of a run that can be picked on the command line. */
export const scenarioNames = ['latency', 'soak', 'micro', 'profile'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export const targetNames = ['direct', 'sereno', 'peer'] as const;
export type TargetName = (typeof targetNames)[number];

export const modeNames = ['json', 'stream'] as const;
export type LoadMode = (typeof modeNames)[number];

/** Everything a run is told, with every default in `defaultOptions`. */
export interface BenchOptions {
  scenarios: ScenarioName[];
  targets: TargetName[];
  modes: LoadMode[];
  concurrencies: number[];
  upstreamDelaysMs: number[];
  /** Pause between two SSE chunks of the fake upstream; 0 still writes each chunk apart. */
  chunkDelayMs: number;
  warmupSeconds: number;
  durationSeconds: number;
  soakSeconds: number;
  soakSampleSeconds: number;
  /** The soak's mix: this many connections of JSON calls and this many of streams. */
  soakJsonConnections: number;
  soakStreamConnections: number;
  /** The upstream's delay during the soak, so that the load is high without pinning the CPU. */
  soakDelayMs: number;
  profileSeconds: number;
  microSeconds: number;
  /** Sereno's log level; its log lines go to /dev/null, so only their making costs. */
  serenoLogLevel: string;
  build: boolean;
  /** Append the run to docs/benchmarks.md and write its charts. */
  write: boolean;
  note: string | undefined;
}

export const defaultOptions: BenchOptions = {
  scenarios: ['latency', 'soak', 'micro', 'profile'],
  targets: ['direct', 'sereno', 'peer'],
  modes: ['json', 'stream'],
  concurrencies: [1, 50, 200],
  upstreamDelaysMs: [0, 200],
  chunkDelayMs: 0,
  warmupSeconds: 1,
  durationSeconds: 3,
  soakSeconds: 600,
  soakSampleSeconds: 10,
  soakJsonConnections: 20,
  soakStreamConnections: 10,
  soakDelayMs: 50,
  profileSeconds: 8,
  microSeconds: 5,
  serenoLogLevel: 'info',
  build: true,
  write: true,
  note: undefined,
};

const list = (values: number[]) => values.join(',');
const delays = defaultOptions.upstreamDelaysMs;
const chunkDelay = defaultOptions.chunkDelayMs;
const {
  warmupSeconds: warmup,
  durationSeconds: duration,
  profileSeconds: profile,
} = defaultOptions;

export const usage = `Usage: npm run bench -- [options]

Drives the fake upstream directly, Sereno and the peer gateway (@portkey-ai/gateway) with
the same load, then prints the table and appends the run to docs/benchmarks.md.

Options (lists are comma-separated):
  --scenarios LIST     ${scenarioNames.join(', ')} (default: all)
                       latency: the matrix of targets x modes x concurrency x delay
                       soak:    mixed load on Sereno, RSS and event-loop delay over time
                       micro:   ingestion events/s and the micro-benchmark scripts
                       profile: a CPU profile of Sereno under load when a target is missed
  --targets LIST       ${targetNames.join(', ')} (default: all)
  --modes LIST         json, stream (default: both)
  --concurrency LIST   connections (default: ${list(defaultOptions.concurrencies)})
  --delays LIST        upstream delay before the answer, ms (default: ${list(delays)})
  --chunk-delay N      ms between SSE chunks of the upstream (default: ${chunkDelay})
  --warmup N           whole seconds of load before each measured run (default: ${warmup})
  --duration N         whole seconds of each measured run (default: ${duration})
  --soak N             seconds of the soak (default: ${defaultOptions.soakSeconds})
  --soak-sample N      seconds between soak samples (default: ${defaultOptions.soakSampleSeconds})
  --soak-delay N       upstream delay during the soak, ms (default: ${defaultOptions.soakDelayMs})
  --profile-seconds N  seconds of load under the CPU profiler (default: ${profile})
  --micro-seconds N    seconds of each micro-benchmark (default: ${defaultOptions.microSeconds})
  --log-level LEVEL    Sereno's log level (default: ${defaultOptions.serenoLogLevel})
  --quick              short runs for a smoke test: 1 s warm-up, 1 s runs, 30 s soak
  --no-build           use the existing dist/ instead of running npm run build
  --no-write           print the table only; leave docs/ as it is
  --note TEXT          a line saying what this run is, written beside it in the docs
  -h, --help           this text`;

/** Reads the command line; throws an Error whose message is meant for the user. */
export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string' },
      targets: { type: 'string' },
      modes: { type: 'string' },
      concurrency: { type: 'string' },
      delays: { type: 'string' },
      'chunk-delay': { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      soak: { type: 'string' },
      'soak-sample': { type: 'string' },
      'soak-delay': { type: 'string' },
      'profile-seconds': { type: 'string' },
      'micro-seconds': { type: 'string' },
      'log-level': { type: 'string' },
      quick: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'no-write': { type: 'boolean' },
      note: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';

  const base: BenchOptions = values.quick
    ? { ...defaultOptions, warmupSeconds: 1, durationSeconds: 1, soakSeconds: 30 }
    : { ...defaultOptions };
  return {
    ...base,
    scenarios: pickList(values.scenarios, scenarioNames, base.scenarios, '--scenarios'),
    targets: pickList(values.targets, targetNames, base.targets, '--targets'),
    modes: pickList(values.modes, modeNames, base.modes, '--modes'),
    concurrencies: numberList(values.concurrency, base.concurrencies, '--concurrency', 1),
    upstreamDelaysMs: numberList(values.delays, base.upstreamDelaysMs, '--delays', 0),
    chunkDelayMs: number(values['chunk-delay'], base.chunkDelayMs, '--chunk-delay', 0),
    warmupSeconds: Math.round(number(values.warmup, base.warmupSeconds, '--warmup', 0)),
    durationSeconds: Math.round(number(values.duration, base.durationSeconds, '--duration', 1)),
    soakSeconds: number(values.soak, base.soakSeconds, '--soak', 10),
    soakSampleSeconds: number(values['soak-sample'], base.soakSampleSeconds, '--soak-sample', 1),
    soakDelayMs: number(values['soak-delay'], base.soakDelayMs, '--soak-delay', 0),
    profileSeconds: number(values['profile-seconds'], base.profileSeconds, '--profile-seconds', 1),
    microSeconds: number(values['micro-seconds'], base.microSeconds, '--micro-seconds', 1),
    serenoLogLevel: values['log-level'] ?? base.serenoLogLevel,
    build: !values['no-build'],
    write: !values['no-write'],
    note: values.note,
  };
}

function pickList<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  fallback: T[],
  flag: string,
): T[] {
  if (text === undefined) return fallback;
  const picked = text.split(',').map((item) => item.trim());
  for (const item of picked) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new Error(`${flag}: "${item}" is not one of ${allowed.join(', ')}.`);
    }
  }
  return picked as T[];
}

function numberList(text: string | undefined, fallback: number[], flag: string, min: number) {
  if (text === undefined) return fallback;
  return text.split(',').map((item) => number(item.trim(), 0, flag, min));
}

function number(text: string | undefined, fallback: number, flag: string, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${flag} must be a number of at least ${min}, not "${text}".`);
  }
  return value;
}
