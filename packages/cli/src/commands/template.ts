import { Command } from 'commander';
import type { TemplateImportFlags } from '../actions/template-import.js';

/** Flags shared by the `specforge template` commands. */
export interface TemplateFlags {
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** Flags of `specforge template diff`. */
export interface TemplateDiffFlags extends TemplateFlags {
  base?: string;
}

/** Flags of `specforge template upgrade`. */
export interface TemplateUpgradeFlags extends TemplateFlags {
  to?: string;
  dryRun?: boolean;
}

/** Flags of `specforge template fork`. */
export interface TemplateForkFlags extends TemplateFlags {
  as: string;
  dir?: string;
  copy?: boolean;
  license?: string;
  dryRun?: boolean;
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
    .description(
      'Inspect the template packs of the project (built-in and those listed in specforge.config.yaml).',
    );
  template.addCommand(
    withCommonFlags(new Command('list'))
      .summary('list packs and their templates')
      .description(
        'List every pack the project can use, with its version, source and base, and its templates.',
      )
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
      .description(
        'For each section of the effective template, print the pack, file and line it comes from and the later changes to it.',
      )
      .argument('<ref>', 'the template, as <pack>/<template>')
      .action(async (ref: string, flags: TemplateFlags) => {
        const { runTemplateBlame } = await import('../actions/template-blame.js');
        await runTemplateBlame(ref, flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('diff'))
      .summary("compare a fork's template with its upstream")
      .description(
        'Compare a template with what its base provides: a unified diff, and per section whether the fork\n' +
          'left it unchanged, modified, added or removed it, and which pack did.',
      )
      .argument('<ref>', 'the template, as <pack>/<template>')
      .option(
        '--base <version>',
        "compare against this version of the fork's base (a git tag, or the version its source offers)",
      )
      .action(async (ref: string, flags: TemplateDiffFlags) => {
        const { runTemplateDiff } = await import('../actions/template-diff.js');
        await runTemplateDiff(ref, flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('fork'))
      .summary('fork a template or a pack into a new pack')
      .description(
        'Create a new pack that forks <from> (a template such as speckit/plan, or a whole pack such as speckit)\n' +
          "and add it to the project's specforge.config.yaml. By default the fork is an overlay: an empty layer\n" +
          'that extends the base at its current version (caret range) and keeps receiving upstream changes.\n' +
          'With --copy it is a full copy that records what it was copied from, for three-way upgrades.\n' +
          'With a scoped package name (--as @acme/templates) the fork is a publishable npm package: manifest,\n' +
          'README, CHANGELOG, and a changeset when its folder is a package of a changesets workspace.',
      )
      .argument('<from>', 'the template (<pack>/<template>) or pack to fork')
      .requiredOption(
        '--as <name>',
        "the new pack's name, e.g. acme, or the npm package to create, e.g. @acme/templates",
      )
      .option('--dir <path>', "the new pack's folder (default: packs/<pack name> in the project)")
      .option('--copy', 'make a full copy instead of an overlay')
      .option('--license <spdx>', "the package's license (default for a package: UNLICENSED)")
      .option('--dry-run', 'write nothing; print what would be created')
      .action(async (from: string, flags: TemplateForkFlags) => {
        const { runTemplateFork } = await import('../actions/template-fork.js');
        await runTemplateFork(from, flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('outdated'))
      .summary('list forks whose base has a newer version')
      .description(
        'For every fork (overlay or copy), the base version it follows and the newest its source offers; exit 1 when any is outdated.',
      )
      .action(async (flags: TemplateFlags) => {
        const { runTemplateOutdated } = await import('../actions/template-outdated.js');
        await runTemplateOutdated(flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('upgrade'))
      .summary('move a fork to a newer base without losing its edits')
      .description(
        'Overlay forks re-resolve against the new base; directives whose target section is gone are conflicts\n' +
          '(nothing is written). Copy forks merge three ways, section by section then line by line; overlapping\n' +
          'changes are left as conflict markers in the fork files. Exit 3 when there are conflicts.',
      )
      .argument('<pack>', 'the fork to upgrade')
      .option(
        '--to <version>',
        'the base version to move to (default: the newest its source offers)',
      )
      .option('--dry-run', 'write nothing; print what would change')
      .action(async (pack: string, flags: TemplateUpgradeFlags) => {
        const { runTemplateUpgrade } = await import('../actions/template-upgrade.js');
        await runTemplateUpgrade(pack, flags);
      }),
  );
  template.addCommand(
    withCommonFlags(new Command('validate'))
      .summary('check that every template compiles')
      .description(
        'Resolve the packs (or one pack) and compile every effective template; exit 1 when any fails.',
      )
      .argument('[pack]', 'only this pack')
      .action(async (pack: string | undefined, flags: TemplateFlags) => {
        const { runTemplateValidate } = await import('../actions/template-validate.js');
        await runTemplateValidate(pack, flags);
      }),
  );
  const importCommand = new Command('import')
    .summary("make a template pack from another tool's templates")
    .description("Import another tool's templates as a versioned specforge template pack.");
  importCommand.addCommand(
    new Command('speckit')
      .summary('import a Spec Kit checkout, project or preset')
      .description(
        'Make a template pack from GitHub Spec Kit material: a checkout or release tree (templates/*-template.md),\n' +
          'a project (.specify/templates/, its overrides and presets composed as Spec Kit does), or a preset\n' +
          "(preset.yml, as whole-file overlays). Spec Kit's text is kept byte for byte; see docs/import.md.",
      )
      .argument('<path>', 'the Spec Kit checkout, project or preset folder')
      .option('-o, --out <dir>', 'the pack folder to write (default: packs/<name>)')
      .option('--name <pack>', 'the pack name (default: speckit, or the preset id)')
      .option('--version <semver>', 'the pack version (default: the Spec Kit or preset version)')
      .option('--dry-run', 'write nothing; list the files the import would write')
      .option('-f, --force', 'overwrite files of the pack that exist already')
      .option('--json', 'print the result as JSON')
      .option('--debug', 'print stack traces of errors')
      .action(async (path: string, flags: TemplateImportFlags) => {
        const { runTemplateImport } = await import('../actions/template-import.js');
        await runTemplateImport(path, flags);
      }),
  );
  template.addCommand(importCommand);
  return template;
}
