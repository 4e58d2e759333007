import { createRequire } from 'node:module';
import { Command } from 'commander';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Builds the commander program with every command that works. */
export function createProgram(): Command {
  return new Command('specforge')
    .description('Turn feature specs into implementation plans with templates your team owns.')
    .version(version, '-v, --version');
}
