import { join } from 'node:path';
import type { ExportSpeckitPresetFlags } from '../commands/export.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson, printWarnings, warningsToJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** How each action reads in the listing, padded to one width. */
const verbs = {
  create: 'create   ',
  update: 'update   ',
  unchanged: 'unchanged',
  replace: 'replace  ',
  delete: 'delete   ',
  keep: 'keep     ',
} as const;

/**
 * The action of `specforge export speckit-preset <pack>`: resolves the pack, plans its preset
 * and writes it (or, with `--dry-run`, lists what it would do). The lock is read, not written:
 * an export changes nothing in the project but the preset folder.
 */
export async function runExportSpeckitPreset(
  packName: string,
  flags: ExportSpeckitPresetFlags,
): Promise<void> {
  await runAction({ ...flags, writesProject: 'export speckit-preset' }, async () => {
    const { applySpeckitPresetExport, checkPresetExportTarget, findResolvedPack, planSpeckitPresetExport } =
      await import('@specforge/template-registry');
    const cwd = process.cwd();
    const registry = await openRegistry(cwd, flags, false);
    const pack = findResolvedPack(registry.packs, packName);
    const plan = await planSpeckitPresetExport({
      pack,
      id: flags.id,
      speckitVersion: flags.speckitVersion,
    });
    const dir = flags.out ?? join('presets', plan.preset.id);
    const options = { force: flags.force };
    const targets = flags.dryRun
      ? await checkPresetExportTarget(plan, dir, options)
      : await applySpeckitPresetExport(plan, dir, options);
    printWarnings(plan.warnings);

    const shownDir = displayPath(dir, cwd);
    if (flags.json) {
      printJson({
        pack: { name: pack.name, version: pack.version },
        preset: plan.preset,
        dir: shownDir,
        templates: plan.templates,
        files: targets.map((file) => ({ path: file.path, action: file.action })),
        warnings: warningsToJson(plan.warnings, cwd),
        written: !flags.dryRun,
      });
      return 0;
    }
    const count = plan.templates.length;
    const summary = `${pack.name}@${pack.version} as the Spec Kit preset ${plan.preset.id} into ${shownDir}: ${count} template${count === 1 ? '' : 's'}`;
    const lines = targets
      .filter((file) => flags.dryRun || file.action !== 'unchanged')
      .map((file) => `  ${verbs[file.action]} ${displayPath(file.target, cwd)}`);
    const kept = targets.filter((file) => file.action === 'keep');
    const note =
      kept.length > 0
        ? `kept ${kept.map((file) => displayPath(file.target, cwd)).join(', ')}: edited since the last export, and the pack no longer has ${kept.length === 1 ? 'that template' : 'those templates'}; delete ${kept.length === 1 ? 'it' : 'them'} if Spec Kit should no longer see ${kept.length === 1 ? 'it' : 'them'}\n`
        : '';
    process.stdout.write(
      `${flags.dryRun ? 'would export' : 'exported'} ${summary}${lines.length > 0 ? `\n${lines.join('\n')}` : ' (nothing changed)'}\n${note}`,
    );
    return 0;
  });
}
