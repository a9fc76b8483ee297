import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** CPU and memory of one process over one measured window, read from /proc. */
export interface ProcessUsage {
  /** CPU time used, user and system, all threads. */
  cpuSeconds: number;
  /** CPU time over wall time: 1 is one core busy the whole window. */
  cpuCores: number;
  /** The highest resident set size seen in the window. */
  peakRssMb: number;
  /** Resident set size at the end of the window. */
  rssMb: number;
}

const clockTicksPerSecond = readClockTicks();

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** User plus system CPU seconds of a process, all its threads, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after it are plain. utime and stime are
  // fields 14 and 15 of the line, so the 12th and 13th after the name.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Resident set size now and its high-water mark, from /proc/<pid>/status, in MB. */
export function readMemoryMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rssMb: kilobytes('VmRSS') / 1024, peakRssMb: kilobytes('VmHWM') / 1024 };
}

/** Resets VmHWM to the current RSS (Linux 4.0+, owner or root); false where refused. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Measures one window: resets the high-water mark at the start and also samples RSS every
 * `sampleMs`, so the peak is right even where the reset is refused.
 */
export function startProcessMeter(pid: number, sampleMs = 200): () => ProcessUsage {
  const peakWasReset = resetPeakRss(pid);
  const startCpu = readCpuSeconds(pid);
  const startTime = performance.now();
  let sampledPeak = readMemoryMb(pid).rssMb;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, readMemoryMb(pid).rssMb);
  }, sampleMs);

  return () => {
    clearInterval(timer);
    const elapsedSeconds = (performance.now() - startTime) / 1000;
    const cpuSeconds = readCpuSeconds(pid) - startCpu;
    const memory = readMemoryMb(pid);
    const peakRssMb = Math.max(sampledPeak, memory.rssMb, peakWasReset ? memory.peakRssMb : 0);
    return { cpuSeconds, cpuCores: cpuSeconds / elapsedSeconds, peakRssMb, rssMb: memory.rssMb };
  };
}
