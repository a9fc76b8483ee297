import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { tsxCommand } from '../processes/child-process.js';
import { repoPath } from '../repo-paths.js';

const run = promisify(execFile);

/** The outcome of one micro-benchmark script of `scripts/`, its output kept as printed. */
export interface MicroScriptResult {
  script: string;
  status: 'ran' | 'not yet available' | 'failed';
  /** The script's own output (its last lines), or why it failed. */
  output: string;
}

const keptLines = 40;

/**
 * Runs `scripts/<name>` with tsx when it exists. Its numbers are reported as it printed
 * them: the harness does not know their shape, and makes none up where a script is missing.
 */
export async function runMicroScript(
  name: string,
  timeoutSeconds: number,
): Promise<MicroScriptResult> {
  const path = repoPath('scripts', name);
  if (!existsSync(path)) return { script: name, status: 'not yet available', output: '' };
  const [command, args] = tsxCommand(path);
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: repoPath(),
      timeout: timeoutSeconds * 1000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { script: name, status: 'ran', output: lastLines(stdout || stderr) };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message?: string };
    const detail = failure.stderr || failure.stdout || failure.message || String(error);
    return { script: name, status: 'failed', output: lastLines(detail) };
  }
}

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-keptLines).join('\n');
}
