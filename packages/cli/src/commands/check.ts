import { Command } from 'commander';

/** Flags of `specforge check`. */
export interface CheckFlags {
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** `specforge check [paths…]`: check specs and plans for problems. */
export function makeCheckCommand(): Command {
  return new Command('check')
    .summary('check specs and plans for problems')
    .description(
      'Check specs (open clarification markers, duplicate or malformed FR/SC ids) and plans (fill slots\n' +
        'left, required sections of their template missing, stale provenance). A folder is searched for\n' +
        'spec.md and plan.md files (node_modules and dot folders skipped). Exit 1 when there is any error.',
    )
    .argument(
      '[paths...]',
      'spec or plan files, or folders holding them (default: the current folder)',
    )
    .option('--json', 'print { findings, files, errors, warnings } as JSON')
    .option('--frozen', 'fail if the packs no longer match specforge.lock')
    .option('--debug', 'print stack traces of errors')
    .action(async (paths: string[], flags: CheckFlags) => {
      const { runCheck } = await import('../actions/check.js');
      await runCheck(paths, flags);
    });
}
