import { Command } from 'commander';

/** Flags of `specforge export speckit-preset <pack>`. */
export interface ExportSpeckitPresetFlags {
  /** The preset folder to write; default `presets/<id>` in the current directory. */
  out?: string;
  /** The preset id; default the pack name. */
  id?: string;
  /** `requires.speckit_version` of the preset. */
  speckitVersion?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** `specforge export …`: the team's templates in another tool's format. */
export function makeExportCommand(): Command {
  const exportCommand = new Command('export')
    .summary("write a pack in another tool's format")
    .description("Write the project's template packs in another tool's format.");
  exportCommand.addCommand(
    new Command('speckit-preset')
      .summary('write a pack as a Spec Kit preset')
      .description(
        'Write a pack as a GitHub Spec Kit preset (preset.yml and templates/), so that a team still on\n' +
          '`specify` can install it with `specify preset add --dev <dir>`. Each template is composed through\n' +
          "every layer of the pack and written whole (strategy replace); specforge's metadata goes into the\n" +
          "preset's specforge.yml, so `specforge template import speckit <dir>` gives the same templates back.\n" +
          'Exporting again rewrites only what the last export wrote; edited files need --force. See docs/import.md.',
      )
      .argument('<pack>', "the pack's name, e.g. acme")
      .option('-o, --out <dir>', 'the preset folder to write (default: presets/<id>)')
      .option('--id <id>', 'the preset id: lower-case letters, digits and "-" (default: the pack name)')
      .option(
        '--speckit-version <specifier>',
        'the Spec Kit versions the preset requires (default: >=0.6.0)',
      )
      .option('-f, --force', 'replace files the last export did not write or that were edited since')
      .option('--dry-run', 'write nothing; list what the export would do to each file')
      .option('--json', 'print the result as JSON')
      .option('--frozen', 'fail if the packs no longer match specforge.lock')
      .option('--debug', 'print stack traces of errors')
      .action(async (pack: string, flags: ExportSpeckitPresetFlags) => {
        const { runExportSpeckitPreset } = await import('../actions/export-speckit-preset.js');
        await runExportSpeckitPreset(pack, flags);
      }),
  );
  return exportCommand;
}
