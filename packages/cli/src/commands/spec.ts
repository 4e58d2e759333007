import { Command } from 'commander';

/** Flags of `specforge spec inspect`. */
export interface SpecInspectFlags {
  json?: boolean;
  debug?: boolean;
}

/** `specforge spec …`: work with spec files. */
export function makeSpecCommand(): Command {
  const spec = new Command('spec')
    .summary('work with spec files')
    .description('Work with spec files.');
  spec
    .command('inspect')
    .summary('print the parsed model of a spec')
    .description(
      'Parse <spec> and print what specforge sees: title, metadata, user stories, requirements,\n' +
        'success criteria, entities, clarifications and the section outline. --json prints the\n' +
        'stable shape documented in docs/spec-model.md.',
    )
    .argument('<spec>', 'the spec file')
    .option('--json', 'print the model as JSON')
    .option('--debug', 'print stack traces of errors')
    .action(async (file: string, flags: SpecInspectFlags) => {
      const { runSpecInspect } = await import('../actions/spec-inspect.js');
      await runSpecInspect(file, flags);
    });
  return spec;
}
