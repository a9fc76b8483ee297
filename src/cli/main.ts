#!/usr/bin/env node
import { projectsCommand } from './projects-command.js';
import { promptsCommand } from './prompts-command.js';
import { startCommand } from './start-command.js';

const usage = `Usage: sereno <command> [options]

Commands:
  start     run the gateway (sereno start --help)
  projects  create projects and key pairs (sereno projects --help)
  prompts   push, pull, label and diff managed prompts (sereno prompts --help)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return startCommand(rest);
    case 'projects':
      return projectsCommand(rest);
    case 'prompts':
      return promptsCommand(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(usage);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // A command that keeps running (start) returns -1 and owns the process from there.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
