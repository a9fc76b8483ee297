import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { startServer } from '../server/start-server.js';
import { defaultConfigPath } from './default-config-path.js';

const usage = `Usage: sereno start [--config FILE] [--port N] [--host HOST] [--data-dir DIR]

Starts the gateway. Without --config it reads $SERENO_CONFIG, else ./sereno.yaml,
else ./sereno.example.yaml.`;

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    return 2;
  }

  let config;
  try {
    config = await loadConfig({
      path: values.config ?? defaultConfigPath(),
      overrides: { port, host: values.host, dataDir: values['data-dir'] },
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }

  const server = await startServer(config, { prettyLogs: process.stdout.isTTY });
  const stop = (signal: string) => {
    server.app.log.info({ signal }, 'stopping: finishing requests and writing queued traces');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return -1;
}
