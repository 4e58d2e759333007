import { findProject, nodeFileSystem } from '@specforge/core';
import { loadProjectPacks, planUpgrade, readProjectLock } from '@specforge/template-registry';
import type { TemplateFlags } from '../commands/template.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template outdated`. */
export async function runTemplateOutdated(flags: TemplateFlags): Promise<void> {
  await runAction(flags, async () => {
    // Outdated forks may not resolve any more, so packs are read one by one, not resolved.
    const project = await findProject({ cwd: process.cwd(), fs: nodeFileSystem });
    const { lock } = await readProjectLock(project);
    const options = {
      projectRoot: project.root,
      packs: project.config.packs,
      cacheDir: resolveCacheDir(),
    };
    const forks = (await loadProjectPacks(options)).filter(
      (pack) => pack.extends || pack.copiedFrom,
    );
    const rows = [];
    for (const pack of forks) {
      const plan = await planUpgrade({ ...options, lock, pack: pack.name });
      rows.push({
        pack: pack.name,
        kind: plan.kind,
        current: plan.from,
        available: plan.to,
        outdated: !plan.upToDate,
      });
    }
    const outdated = rows.filter((row) => row.outdated);
    if (flags.json) printJson({ packs: rows });
    else if (rows.length === 0) process.stdout.write('no forks in this project\n');
    else {
      for (const row of rows) {
        process.stdout.write(
          `${row.pack.padEnd(16)} ${row.kind.padEnd(8)} ${row.current} → ${row.outdated ? row.available : 'up to date'}\n`,
        );
      }
    }
    return outdated.length > 0 ? 1 : 0;
  });
}
