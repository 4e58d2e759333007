import { createRequire } from 'node:module';

// Written in by the bundle (rolldown.config.ts), which saves reading package.json on every run;
// the unbundled build reads it.
declare const __SPECFORGE_CLI_VERSION__: string | undefined;

/** The version of this CLI, from its package.json. */
export function cliVersion(): string {
  if (typeof __SPECFORGE_CLI_VERSION__ === 'string') return __SPECFORGE_CLI_VERSION__;
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
