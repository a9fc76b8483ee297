import { parseArgs } from 'node:util';
import { PromptApiClient } from '../prompts/client/prompt-api-client.js';
import { unifiedDiff } from '../prompts/files/line-diff.js';
import { pullPrompt, promptFileText } from '../prompts/files/pull-prompt.js';
import type { PromptSelector } from '../prompts/prompt-model.js';
import { pushPromptFiles } from './push-prompt-files.js';

const usage = `Usage: sereno prompts push FILE|DIR... [--dry-run]
       sereno prompts pull [NAME...] [--dir DIR] [--label LABEL | --version N]
       sereno prompts label NAME VERSION LABEL...
       sereno prompts diff NAME V1 V2

push   creates a version for each prompt file whose content differs from the newest
       version, and adds the file's labels; YAML files, or Markdown with front matter.
       A file that fails is reported and the others are pushed; the exit code is then 1.
       --dry-run says for each file whether it would create a version, changing nothing
pull   writes prompts (all of them unless named) as files, the newest version unless
       --label or --version picks another; text as .md, chat as .yaml
label  moves labels onto a version
diff   shows what changed between two versions

Options:
  --url URL       the Sereno server ($SERENO_URL, else http://127.0.0.1:4000)
  --key KEY       a project's secret key or the master key ($SERENO_API_KEY, else
                  $SERENO_MASTER_KEY); protected labels such as production need an admin
                  key of the project (sereno projects --help) or the master key
  --project NAME  with the master key, the project to act on

Prompts are changed through the server's API, so that its cache sees every change.`;

const options = {
  url: { type: 'string' },
  key: { type: 'string' },
  project: { type: 'string' },
  dir: { type: 'string' },
  label: { type: 'string' },
  version: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

function apiOf(values: Values): PromptApiClient {
  return new PromptApiClient({
    baseUrl: values.url ?? process.env.SERENO_URL ?? 'http://127.0.0.1:4000',
    apiKey: values.key ?? process.env.SERENO_API_KEY ?? process.env.SERENO_MASTER_KEY,
    project: values.project,
  });
}

function versionOf(text: string | undefined, what: string): number {
  const version = Number(text);
  if (!text || !Number.isInteger(version) || version < 1) {
    throw new UsageError(`${what} must be a version number, not "${text ?? ''}".`);
  }
  return version;
}

class UsageError extends Error {}

/** `sereno prompts …`: prompts in files, kept in step with a running server. */
export async function promptsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  try {
    switch (action) {
      case 'push':
        return await push(apiOf(values), rest, values['dry-run'] ?? false);
      case 'pull':
        return await pull(apiOf(values), rest, values);
      case 'label':
        return await label(apiOf(values), rest);
      case 'diff':
        return await diff(apiOf(values), rest);
      default:
        throw new UsageError(`Unknown action "${action}".`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return 2;
  }
}

async function push(api: PromptApiClient, paths: string[], dryRun: boolean): Promise<number> {
  if (paths.length === 0) throw new UsageError('sereno prompts push needs a file or a folder.');
  return pushPromptFiles(api, paths, dryRun);
}

async function pull(api: PromptApiClient, names: string[], values: Values): Promise<number> {
  if (values.label && values.version) throw new UsageError('Use --label or --version, not both.');
  const selector: PromptSelector = values.version
    ? { version: versionOf(values.version, '--version') }
    : { label: values.label ?? 'latest' };
  const wanted = names.length > 0 ? names : await api.listNames();
  for (const name of wanted) {
    console.log(`${name}\t${await pullPrompt(api, name, selector, values.dir ?? '.')}`);
  }
  return 0;
}

async function label(api: PromptApiClient, args: string[]): Promise<number> {
  const [name, version, ...labels] = args;
  if (!name || labels.length === 0)
    throw new UsageError('sereno prompts label NAME VERSION LABEL...');
  const labelled = await api.addLabels(name, versionOf(version, 'VERSION'), labels);
  console.log(`${labelled.name} v${labelled.version}\t${labelled.labels.join(',')}`);
  return 0;
}

async function diff(api: PromptApiClient, args: string[]): Promise<number> {
  const [name, first, second] = args;
  if (!name) throw new UsageError('sereno prompts diff NAME V1 V2');
  const texts = [];
  for (const [version, what] of [
    [first, 'V1'],
    [second, 'V2'],
  ] as const) {
    const fetched = await api.get(name, { version: versionOf(version, what) }, { resolve: false });
    if (fetched.status !== 'ok') throw new Error(`No answer for ${name} ${what}.`);
    texts.push({
      label: `${name} v${fetched.prompt.version}`,
      text: promptFileText(fetched.prompt).text,
    });
  }
  const [before, after] = texts as [
    { label: string; text: string },
    { label: string; text: string },
  ];
  process.stdout.write(
    unifiedDiff(before, after) || `${before.label} and ${after.label} are the same.\n`,
  );
  return 0;
}
