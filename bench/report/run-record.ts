import type { BenchOptions } from '../bench-options.js';
import type { ProfileResult } from '../profile/cpu-profile.js';
import type { LatencyMatrixResult } from '../scenarios/latency-matrix.js';
import type { MicroResult } from '../scenarios/micro-benchmarks.js';
import type { SoakResult } from '../scenarios/soak.js';
import type { CaseComparison } from './comparisons.js';
import type { MachineInfo, VersionInfo } from './machine-info.js';
import type { TargetCheck } from './target-checks.js';

/** Everything one `npm run bench` measured, for the console and for docs/benchmarks.md. */
export interface BenchRun {
  startedAt: Date;
  finishedAt: Date;
  machine: MachineInfo;
  loadAverageAtEnd: number;
  versions: VersionInfo;
  options: BenchOptions;
  matrix: LatencyMatrixResult | undefined;
  comparisons: CaseComparison[];
  soak: SoakResult | undefined;
  micro: MicroResult | undefined;
  /** Why there is no profile when there is none. */
  profile: ProfileResult | string;
  targets: TargetCheck[];
  /** Charts written beside the docs, as paths relative to docs/. */
  charts: { path: string; title: string }[];
}
