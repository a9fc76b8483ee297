import { PromptApiError, type PromptApiClient } from '../prompts/client/prompt-api-client.js';
import type { PromptFile } from '../prompts/files/prompt-file.js';
import {
  planPush,
  pushPrompt,
  type PushOutcome,
  type PushPlan,
} from '../prompts/files/push-prompt.js';
import { readPromptFiles } from '../prompts/files/read-prompt-files.js';

/** A dry run's line for a file: what a push would do, and the file it comes from. */
function describePlan(plan: PushPlan, file: PromptFile, path: string): string {
  const from = `from ${path}`;
  switch (plan.action) {
    case 'create':
      return plan.newest
        ? `would create\t${file.name}\ta new version after v${plan.newest.version}\t${from}`
        : `would create\t${file.name}\tits first version\t${from}`;
    case 'label': {
      const labels = plan.missing.join(',');
      return `would label\t${file.name} v${plan.newest.version}\t${labels}\t${from}`;
    }
    case 'unchanged':
      return `unchanged\t${file.name} v${plan.newest.version}\t${from}`;
  }
}

function describeOutcome(outcome: PushOutcome): string {
  return `${outcome.action}\t${outcome.name} v${outcome.version}\t${outcome.labels.join(',')}`;
}

/** Without the server or with a key it refuses, every other file would fail the same way. */
function failsForAll(error: PromptApiError): boolean {
  return error.status === 0 || error.status === 401;
}

/**
 * `sereno prompts push`: pushes each prompt file at the paths, or with `dryRun` says what
 * a push would do. A file that cannot be read or that the server refuses is reported on
 * stderr and the others are still pushed; the exit code is 1 when any file failed.
 */
export async function pushPromptFiles(
  api: PromptApiClient,
  paths: string[],
  dryRun: boolean,
): Promise<number> {
  const entries = await readPromptFiles(paths);
  let failed = 0;
  for (const entry of entries) {
    if ('error' in entry) {
      failed++;
      console.error(`failed\t${entry.error.message}`);
      continue;
    }
    try {
      console.log(
        dryRun
          ? describePlan(await planPush(api, entry.file), entry.file, entry.path)
          : describeOutcome(await pushPrompt(api, entry.file)),
      );
    } catch (error) {
      if (!(error instanceof PromptApiError)) throw error;
      failed++;
      console.error(`failed\t${entry.path}: ${error.message}`);
      if (failsForAll(error)) {
        console.error('Stopped: the remaining files would fail the same way.');
        return 1;
      }
    }
  }
  if (failed > 0) console.error(`${failed} of ${entries.length} prompt files failed.`);
  return failed > 0 ? 1 : 0;
}
