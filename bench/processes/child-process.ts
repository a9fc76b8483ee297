import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A process the harness started, with the means to stop it. */
export interface RunningChild {
  process: ChildProcess;
  pid: number;
  /** Output kept for error messages: the last few kilobytes of stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<number | null>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Keep stdout (false: /dev/null, so that a chatty process costs only its own writes). */
  keepStdout?: boolean;
}

const keptOutputChars = 8_000;
const living = new Set<ChildProcess>();

// A harness that fails half-way must not leave gateways running: kill what is left on exit.
process.on('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/** Starts a process whose output is kept (stderr always, stdout when asked). */
export function spawnChild(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): RunningChild {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  living.add(child);
  child.once('exit', () => living.delete(child));
  let kept = '';
  const keep = (part: Buffer) => {
    kept = (kept + part.toString('utf8')).slice(-keptOutputChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  return {
    process: child,
    pid: child.pid,
    output: () => kept,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Resolves with the first stdout line that matches, or rejects on exit or timeout. */
export async function waitForLine(
  child: RunningChild,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const stdout = child.process.stdout;
  if (!stdout) throw new Error('waitForLine needs a child started with keepStdout');
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (error?: Error, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      stdout.off('data', onData);
      child.process.off('exit', onExit);
      if (match) resolve(match);
      else reject(error);
    };
    const onData = (part: Buffer) => {
      buffered += part.toString('utf8');
      const match = buffered.match(pattern);
      if (match) finish(undefined, match);
    };
    const onExit = () => finish(new Error(`exited before saying ${pattern}:\n${child.output()}`));
    const timer = setTimeout(
      () => finish(new Error(`no ${pattern} within ${timeoutMs} ms:\n${child.output()}`)),
      timeoutMs,
    );
    stdout.on('data', onData);
    child.process.once('exit', onExit);
  });
}

/** Polls a URL until it answers with a status below 500. */
export async function waitForHttp(
  url: string,
  child: RunningChild,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`exited with ${child.process.exitCode}:\n${child.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
}

/** A port free on 127.0.0.1 right now (another process could still take it before us). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** The command line that runs a TypeScript file of the bench with tsx. */
export function tsxCommand(file: string, args: string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', file, ...args]];
}
