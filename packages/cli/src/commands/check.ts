import { Command, Option } from 'commander';

/** Flags of `specforge check`. */
export interface CheckFlags {
  format?: 'text' | 'json' | 'sarif';
  json?: boolean;
  strict?: boolean;
  frozen?: boolean;
  jobs?: string;
  debug?: boolean;
}

/** `specforge check [paths…]`: check specs, plans and task lists against their templates' rules. */
export function makeCheckCommand(): Command {
  return new Command('check')
    .summary('check specs, plans and task lists for problems')
    .description(
      'Check specs, plans and task lists against the rules of the templates that govern them: required\n' +
        'sections, placeholders left, id patterns, traces to the spec (requirements and stories), open\n' +
        '[NEEDS CLARIFICATION] markers, fill slots left, and staleness against the spec and template.\n' +
        'A folder is searched for spec.md, plan.md and tasks.md (node_modules and dot folders skipped).\n' +
        'Exit 1 when there is an error (with --strict, any finding), 2 on bad input.',
    )
    .argument('[paths...]', 'files, folders holding them, or globs (default: the current folder)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'sarif'])
        .default('text'),
    )
    .option('--json', 'same as --format json: print { findings, files, errors, warnings }')
    .option('--strict', 'fail on warnings too (stale plans, open clarifications)')
    .option('--frozen', 'fail if the packs no longer match specforge.lock')
    .option(
      '-j, --jobs <n>',
      'check n at once on threads (default: one per core from 200 documents on; 1: no threads)',
    )
    .option('--debug', 'print stack traces of errors')
    .action(async (paths: string[], flags: CheckFlags) => {
      const { runCheck } = await import('../actions/check.js');
      await runCheck(paths, flags);
    });
}
