import { findProject, nodeFileSystem } from '@specforge/core';
import { applyUpgrade, planUpgrade, readProjectLock } from '@specforge/template-registry';
import type { TemplateUpgradeFlags } from '../commands/template.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { ExitCode, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template upgrade`. */
export async function runTemplateUpgrade(pack: string, flags: TemplateUpgradeFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'template upgrade' }, async () => {
    const cwd = process.cwd();
    // No full resolution first: after an upstream release the fork's range may not resolve.
    const project = await findProject({ cwd, fs: nodeFileSystem });
    const { lock } = await readProjectLock(project);
    const plan = await planUpgrade({
      projectRoot: project.root,
      packs: project.config.packs,
      cacheDir: resolveCacheDir(),
      lock,
      pack,
      to: flags.to,
    });
    const written = flags.dryRun ? [] : await applyUpgrade(plan);
    // The lock follows the new base.
    if (written.length > 0) await openRegistry(cwd, {}, true);
    const conflicts = plan.conflicts.map((c) => ({ ...c, file: displayPath(c.file) }));
    if (flags.json) {
      printJson({
        pack: plan.pack,
        kind: plan.kind,
        from: plan.from,
        to: plan.to,
        upToDate: plan.upToDate,
        extends: plan.extends ?? null,
        files: plan.files.map((file) => displayPath(file.path)),
        conflicts,
        written: written.map((file) => displayPath(file)),
      });
    } else if (plan.upToDate) {
      process.stdout.write(`${pack} is up to date (${plan.kind} fork of ${plan.from})\n`);
    } else {
      const verb = flags.dryRun
        ? 'would upgrade'
        : written.length > 0
          ? 'upgraded'
          : 'did not upgrade';
      const lines = [`${verb} ${pack} (${plan.kind} fork) from ${plan.from} to ${plan.to}`];
      for (const file of plan.files)
        lines.push(
          `  ${flags.dryRun || written.length > 0 ? '' : '(not written) '}${displayPath(file.path)}`,
        );
      if (conflicts.length > 0) {
        lines.push(`${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}:`);
        for (const c of conflicts) lines.push(`  ${c.file}:${c.line}  ${c.message}`);
        lines.push(
          plan.kind === 'copy'
            ? 'Resolve the conflict markers (<<<<<<< … >>>>>>>) in the files above, then commit.'
            : 'Nothing was written. Retarget each directive to a section of the new base, or mark it optional, and run the upgrade again.',
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return conflicts.length > 0 ? ExitCode.conflict : 0;
  });
}
