import { Command } from 'commander';

/** Flags of `specforge plan`. */
export interface PlanFlags {
  template?: string;
  out?: string;
  stdout?: boolean;
  force?: boolean;
  rebase?: boolean;
  dryRun?: boolean;
  json?: boolean;
  frozen?: boolean;
  jobs?: string;
  debug?: boolean;
}

/** `specforge plan [specs...]`: render specs into plans. */
export function makePlanCommand(): Command {
  return new Command('plan')
    .summary('turn specs into plans with a template')
    .description(
      "Render each spec through a template (default: the config's plan.template,\n" +
        'else speckit/plan) and write the plan beside it. The plan records its\n' +
        'provenance: an unchanged spec and template leave it alone, and a plan edited\n' +
        'by hand is never overwritten without --force.\n' +
        'Each argument is a spec file, a folder (searched for spec.md) or a quoted glob;\n' +
        'with none, every specs/**/spec.md of the project. Several specs are planned\n' +
        'with a progress bar (one line per file in CI) and a summary.',
    )
    .argument(
      '[specs...]',
      'spec files, folders or globs (default: specs/**/spec.md of the project)',
    )
    .option(
      '-t, --template <ref>',
      "template as <pack>/<template> (default: the config's plan.template, else speckit/plan)",
    )
    .option(
      '-o, --out <file>',
      "where to write the plan (default: the template's output name beside the spec); one spec only",
    )
    .option('--stdout', 'print the plan to stdout instead of writing a file; one spec only')
    .option('-f, --force', 'overwrite plans even if edited by hand or up to date')
    .option(
      '--rebase',
      'one spec: re-render a plan edited by hand and merge your edits into it (exit 3 on conflicts)',
    )
    .option('--dry-run', 'write nothing; print what would happen (and, for one spec, the diff)')
    .option('--json', 'print the result as JSON')
    .option('--frozen', 'fail if the packs no longer match specforge.lock instead of updating it')
    .option(
      '-j, --jobs <n>',
      'many specs: plan n at once on threads (default: one per core from 200 specs on; 1: no threads)',
    )
    .option('--debug', 'print stack traces of errors')
    .action(async (specs: string[], flags: PlanFlags) => {
      const { runPlan } = await import('../actions/plan.js');
      await runPlan(specs, flags);
    });
}
