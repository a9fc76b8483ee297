import { existsSync } from 'node:fs';

/** The config file to read when none is named: $SERENO_CONFIG, ./sereno.yaml, ./sereno.example.yaml. */
export function defaultConfigPath(): string | undefined {
  if (process.env.SERENO_CONFIG) return process.env.SERENO_CONFIG;
  return ['sereno.yaml', 'sereno.example.yaml'].find((path) => existsSync(path));
}
