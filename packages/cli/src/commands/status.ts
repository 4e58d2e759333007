import { Command } from 'commander';

/** Flags of `specforge status`. */
export interface StatusFlags {
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** `specforge status [specs...]`: where each spec's plan and task list stand. */
export function makeStatusCommand(): Command {
  return new Command('status')
    .summary('show which plans and task lists are stale')
    .description(
      "For every spec, the state of its plan (the output of the project's plan\n" +
        'template) and of tasks.md beside it: missing, up to date, stale (the spec or\n' +
        'the template changed since it was generated), edited by hand, unmanaged (no\n' +
        'provenance) or template unknown. Reads only; exits 0.',
    )
    .argument(
      '[specs...]',
      'spec files, folders or globs (default: specs/**/spec.md of the project)',
    )
    .option('--json', 'print { specs: [{ spec, plan, tasks }] } as JSON')
    .option('--frozen', 'fail if the packs no longer match specforge.lock')
    .option('--debug', 'print stack traces of errors')
    .action(async (specs: string[], flags: StatusFlags) => {
      const { runStatus } = await import('../actions/status.js');
      await runStatus(specs, flags);
    });
}
