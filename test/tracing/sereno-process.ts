import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SerenoProcess {
  child: ChildProcess;
  url: string;
  /** Every line the process wrote to stdout so far. */
  lines: string[];
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `sereno start` as a child process, as an operator does, on a free loopback port,
 * and resolves once it listens. Its environment carries no `SERENO_*` variable of ours.
 */
export function spawnSereno(configPath: string, dataDir: string): Promise<SerenoProcess> {
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('SERENO_')),
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'start',
      '--config',
      configPath,
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    { cwd: repositoryRoot, env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: string[] = [];
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));

  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        const address = /"address":"([^"]+)"/.exec(line)?.[1];
        if (address) resolve({ child, url: address.replace('[::1]', '127.0.0.1'), lines, exited });
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`sereno exited (${code ?? signal}) before listening: ${errors}`)),
    );
  });
}
