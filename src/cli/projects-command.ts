import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { generateKeyPair } from '../projects/api-keys.js';
import {
  addKeyPair,
  ensureProject,
  findProject,
  listProjects,
} from '../projects/project-repository.js';
import { openSqliteDatabase } from '../store/open-database.js';
import { defaultConfigPath } from './default-config-path.js';

const usage = `Usage: sereno projects create NAME [--config FILE] [--data-dir DIR]
       sereno projects keys NAME [--config FILE] [--data-dir DIR]
       sereno projects list [--config FILE] [--data-dir DIR]

create  makes a project and a key pair, and prints the keys (the secret only now)
keys    makes another key pair for a project
list    lists the projects`;

/** `sereno projects …`: works on the store directly, with or without a running server. */
export async function projectsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, name] = positionals;
  if (values.help || !action) {
    console.log(usage);
    return values.help ? 0 : 2;
  }

  const config = await loadConfig({
    path: values.config ?? defaultConfigPath(),
    overrides: { dataDir: values['data-dir'] },
  });
  const db = await openSqliteDatabase(config.dataDir);
  try {
    switch (action) {
      case 'list':
        for (const project of await listProjects(db)) console.log(`${project.id}\t${project.name}`);
        return 0;
      case 'create':
      case 'keys':
        return await createKeys(db, action, name);
      default:
        console.error(`Unknown action "${action}".\n\n${usage}`);
        return 2;
    }
  } finally {
    await db.destroy();
  }
}

async function createKeys(
  db: Awaited<ReturnType<typeof openSqliteDatabase>>,
  action: 'create' | 'keys',
  name: string | undefined,
): Promise<number> {
  if (!name) {
    console.error(`sereno projects ${action} needs a project name.`);
    return 2;
  }
  const existing = await findProject(db, name);
  if (action === 'create' && existing) {
    console.error(`A project named ${name} exists already; use "sereno projects keys ${name}".`);
    return 1;
  }
  if (action === 'keys' && !existing) {
    console.error(`No project named ${name}.`);
    return 1;
  }
  const projectId = existing?.id ?? (await ensureProject(db, { name }, Date.now()));
  const keys = generateKeyPair();
  await addKeyPair(db, projectId, keys, Date.now(), `made with sereno projects ${action}`);
  console.log(`project     ${name} (${projectId})`);
  console.log(`public key  ${keys.publicKey}`);
  console.log(`secret key  ${keys.secretKey}`);
  console.log('\nThe secret key is shown only now; Sereno keeps only its hash.');
  return 0;
}
