import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { generateKeyPair, keyRoles, type KeyRole } from '../projects/api-keys.js';
import {
  addKeyPair,
  ensureProject,
  findProject,
  listProjects,
} from '../projects/project-repository.js';
import { openSqliteDatabase } from '../store/open-database.js';
import { defaultConfigPath } from './default-config-path.js';

const usage = `Usage: sereno projects create NAME [--config FILE] [--data-dir DIR]
       sereno projects keys NAME [--role admin|member] [--config FILE] [--data-dir DIR]
       sereno projects list [--config FILE] [--data-dir DIR]

create  makes a project and its first key pair, an admin one, and prints the keys (the
        secret only now)
keys    makes another key pair for a project: a member unless --role admin
list    lists the projects

An admin key pair may also put protected prompt labels (production) on versions; a
member key pair may not. The store is found as "sereno start" finds it: --data-dir, else
storage.data_dir of the config file (--config, else $SERENO_CONFIG, ./sereno.yaml or
./sereno.example.yaml), else ./data. Give the same options as the server.`;

/** `sereno projects …`: works on the store directly, with or without a running server. */
export async function projectsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      'data-dir': { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, name] = positionals;
  if (values.help || !action) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const role = roleOf(action, values.role);
  if (!role) return 2;

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
        return await createKeys(db, action, name, role);
      default:
        console.error(`Unknown action "${action}".\n\n${usage}`);
        return 2;
    }
  } finally {
    await db.destroy();
  }
}

/** The role of the pair to make; undefined (after saying why) when the option is wrong. */
function roleOf(action: string, role: string | undefined): KeyRole | undefined {
  if (role === undefined) return action === 'create' ? 'admin' : 'member';
  if (action !== 'keys') {
    console.error(`--role is for "sereno projects keys"; a project's first pair is an admin.`);
    return undefined;
  }
  const known = keyRoles.find((candidate) => candidate === role);
  if (!known) console.error(`--role must be admin or member, not "${role}".\n\n${usage}`);
  return known;
}

async function createKeys(
  db: Awaited<ReturnType<typeof openSqliteDatabase>>,
  action: 'create' | 'keys',
  name: string | undefined,
  role: KeyRole,
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
  await addKeyPair(db, projectId, keys, Date.now(), {
    role,
    note: `made with sereno projects ${action}`,
  });
  console.log(`project     ${name} (${projectId})`);
  console.log(`role        ${role}`);
  console.log(`public key  ${keys.publicKey}`);
  console.log(`secret key  ${keys.secretKey}`);
  console.log('\nThe secret key is shown only now; Sereno keeps only its hash.');
  return 0;
}
