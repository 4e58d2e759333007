import { createRequire } from 'node:module';

/** The version of this CLI, from its package.json. */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
