import { Command } from 'commander';

/** Flags of `specforge plan`. */
export interface PlanFlags {
  template?: string;
  out?: string;
  stdout?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** `specforge plan <spec>`: render a spec into a plan. */
export function makePlanCommand(): Command {
  return new Command('plan')
    .summary('turn a spec into a plan with a template')
    .description(
      'Render <spec> through a template (default: the built-in speckit/plan) and write the plan beside it.\n' +
        'The plan records its provenance; an unchanged spec and template leave it alone, and a plan\n' +
        'edited by hand is never overwritten without --force.',
    )
    .argument('<spec>', 'the spec file (Markdown, optionally with YAML front matter)')
    .option('-t, --template <ref>', 'template as <pack>/<template> (default: the config\'s plan.template, else speckit/plan)')
    .option('-o, --out <file>', 'where to write the plan (default: the template\'s output name beside the spec)')
    .option('--stdout', 'print the plan to stdout instead of writing a file')
    .option('-f, --force', 'overwrite the plan even if it was edited by hand or is up to date')
    .option('--dry-run', 'write nothing; print what would happen and the diff')
    .option('--json', 'print the result as JSON')
    .option('--frozen', 'fail if the packs no longer match specforge.lock instead of updating it')
    .option('--debug', 'print stack traces of errors')
    .action(async (spec: string, flags: PlanFlags) => {
      const { runPlan } = await import('../actions/plan.js');
      await runPlan(spec, flags);
    });
}
