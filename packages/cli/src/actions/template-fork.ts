import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { addPackToConfig, decodeUtf8, nodeFileSystem } from '@specforge/core';
import {
  applyFork,
  findChangesetsWorkspace,
  parseForkName,
  planFork,
} from '@specforge/template-registry';
import type { TemplateForkFlags } from '../commands/template.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template fork`. */
export async function runTemplateFork(from: string, flags: TemplateForkFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'template fork' }, async () => {
    const cwd = process.cwd();
    const registry = await openRegistry(cwd, flags, false);
    const { project } = registry;
    const dir = flags.dir
      ? resolve(cwd, flags.dir)
      : join(project.root, 'packs', parseForkName(flags.as).pack);
    const plan = planFork({
      packs: registry.packs,
      from,
      as: flags.as,
      dir,
      copy: flags.copy,
      license: flags.license,
      changesets: await findChangesetsWorkspace(dir),
    });

    // The project starts using the fork at once: its folder joins `packs` in the config.
    const configFile = project.configFile ?? join(project.root, 'specforge.config.yaml');
    const before = project.configFile
      ? decodeUtf8(await nodeFileSystem.readFile(configFile)).text
      : undefined;
    const rel = relative(dirname(configFile), dir).split(sep).join('/');
    const source = isAbsolute(rel) || rel.startsWith('..') ? `path:${dir}` : `./${rel}`;
    const after = addPackToConfig(before, source, configFile);

    const json = {
      name: plan.name,
      package: plan.packageName,
      publishable: plan.publishable,
      version: plan.version,
      dir: displayPath(dir),
      extends: plan.extends ?? null,
      copy: Boolean(flags.copy),
      templates: plan.templates,
      files: plan.files.map((file) => file.path),
      config: displayPath(configFile),
      changeset: plan.changeset ? displayPath(plan.changeset.path) : null,
      notes: plan.notes,
      written: !flags.dryRun,
    };
    const extra = [
      ...(json.changeset ? [`${flags.dryRun ? 'would write' : 'wrote'} the changeset ${json.changeset}`] : []),
      ...plan.notes,
    ].map((line) => `${line}\n`);
    if (flags.dryRun) {
      if (flags.json) printJson(json);
      else
        process.stdout.write(
          `would create ${displayPath(dir)}: ${json.files.join(', ')}\nwould add ${source} to ${json.config}\n${extra.join('')}`,
        );
      return 0;
    }
    await applyFork(plan);
    if (after !== before) await nodeFileSystem.writeFileAtomic(configFile, after);
    // The lock now pins the new pack too.
    await openRegistry(cwd, {}, true);
    if (flags.json) printJson(json);
    else {
      const kind = flags.copy ? 'a copy of' : 'an overlay fork of';
      const what = plan.publishable
        ? `the package ${plan.packageName}@${plan.version} (pack ${plan.name})`
        : `${plan.name}@${plan.version}`;
      process.stdout.write(
        `created ${what} in ${json.dir}, ${kind} ${from}; added ${source} to ${json.config}\n${extra.join('')}`,
      );
    }
    return 0;
  });
}
