import { Command } from 'commander';

/** Flags of `specforge init`. */
export interface InitFlags {
  name?: string;
  pack?: string;
  dryRun?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** `specforge init`: set up specforge in the current folder. */
export function makeInitCommand(): Command {
  return new Command('init')
    .summary('set up specforge in this folder')
    .description(
      'Write specforge.config.yaml, a team pack that extends the built-in speckit pack (a workspace package\n' +
        'inside a pnpm workspace), an example spec, and specforge.lock. Never overwrites a file; asks for\n' +
        'missing names only on a terminal.',
    )
    .option('--name <name>', 'the project name (default: the folder name)')
    .option('--pack <name>', 'the team pack name (default: team)')
    .option('--dry-run', 'write nothing; list the files')
    .option('--json', 'print the result as JSON')
    .option('--debug', 'print stack traces of errors')
    .action(async (flags: InitFlags) => {
      const { runInit } = await import('../actions/init.js');
      await runInit(flags);
    });
}
