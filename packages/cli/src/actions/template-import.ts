import { join } from 'node:path';
import {
  applyImportPlan,
  checkImportTarget,
  planSpeckitImport,
} from '@specforge/template-registry';
import { displayPath } from '../output/display-path.js';
import { printJson, printWarnings, warningsToJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** Flags of `specforge template import speckit <path>`. */
export interface TemplateImportFlags {
  /** The pack folder to write; default `packs/<name>` in the current directory. */
  out?: string;
  /** The pack's short name. */
  name?: string;
  /** The pack version (a semver version). */
  version?: string;
  /** Write nothing; list what would be written. */
  dryRun?: boolean;
  /** Overwrite files the import writes that exist already. */
  force?: boolean;
  json?: boolean;
  debug?: boolean;
}

/**
 * The action of `specforge template import speckit <path>`: plans the import of a Spec Kit
 * checkout, project or preset as a template pack, then writes it (or, with `--dry-run`, lists
 * what it would write).
 */
export async function runTemplateImport(path: string, flags: TemplateImportFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'template import' }, async () => {
    const cwd = process.cwd();
    // Paths stay as the user wrote them (relative to the current directory), so messages do too.
    const plan = await planSpeckitImport({ path, name: flags.name, version: flags.version });
    const dir = flags.out ?? join('packs', plan.pack.name);
    const targets = await checkImportTarget(plan, dir, { force: flags.force });
    if (!flags.dryRun) await applyImportPlan(plan, dir, { force: flags.force });
    printWarnings(plan.warnings);

    const shownDir = displayPath(dir, cwd);
    if (flags.json) {
      printJson({
        name: plan.pack.name,
        version: plan.pack.version,
        dir: shownDir,
        detected: plan.detected,
        speckitVersion: plan.speckitVersion ?? null,
        files: targets.map((file) => ({ path: file.path, status: file.status })),
        warnings: warningsToJson(plan.warnings, cwd),
        written: !flags.dryRun,
      });
      return 0;
    }
    const count = plan.templates.length;
    const summary = `Spec Kit${plan.speckitVersion ? ` v${plan.speckitVersion}` : ''} (${plan.detected}) as ${plan.pack.name}@${plan.pack.version} into ${shownDir}: ${count} template${count === 1 ? '' : 's'}`;
    if (flags.dryRun) {
      const lines = targets.map(
        (file) =>
          `  ${file.status === 'create' ? 'create   ' : 'overwrite'} ${displayPath(file.target, cwd)}`,
      );
      process.stdout.write(`would import ${summary}\n${lines.join('\n')}\n`);
    } else {
      process.stdout.write(`imported ${summary}\n`);
    }
    return 0;
  });
}
