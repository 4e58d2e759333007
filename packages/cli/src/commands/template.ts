import { Command } from 'commander';

/** Flags shared by the `specforge template` commands. */
export interface TemplateFlags {
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

function withCommonFlags(command: Command): Command {
  return command
    .option('--json', 'print the result as JSON')
    .option('--frozen', 'fail if the packs no longer match specforge.lock instead of updating it')
    .option('--debug', 'print stack traces of errors');
}

/** `specforge template …`: inspect the packs and templates a project can use. */
export function makeTemplateCommand(): Command {
  const template = new Command('template')
    .summary('inspect template packs and templates')
    .description('Inspect the template packs of the project (built-in and those listed in specforge.config.yaml).');
  template.addCommand(
    withCommonFlags(new Command('list'))
      .summary('list packs and their templates')
      .description('List every pack the project can use, with its version, source and base, and its templates.')
      .action(async (flags: TemplateFlags) => {
        const { runTemplateList } = await import('../actions/template-list.js');
        await runTemplateList(flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('show'))
      .summary('print the effective template')
      .description('Print a template as its pack chain composes it: metadata, layers and body.')
      .argument('<ref>', 'the template, as <pack>/<template>')
      .action(async (ref: string, flags: TemplateFlags) => {
        const { runTemplateShow } = await import('../actions/template-show.js');
        await runTemplateShow(ref, flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('blame'))
      .summary('show which layer produced each section')
      .description('For each section of the effective template, print the pack, file and line it comes from and the later changes to it.')
      .argument('<ref>', 'the template, as <pack>/<template>')
      .action(async (ref: string, flags: TemplateFlags) => {
        const { runTemplateBlame } = await import('../actions/template-blame.js');
        await runTemplateBlame(ref, flags);
      }),
  );
  return template;
}
