import { dirname, relative, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import {
  applyRebase,
  diffRebaseChange,
  planRebase,
  type RebaseChange,
} from '@specforge/template-registry';
import type { PlanFlags } from '../commands/plan.js';
import { resolveNow } from '../output/clock.js';
import { openRegistry, saveLock } from '../output/open-registry.js';
import { cliRenderEnvironment } from '../output/render-environment.js';
import { ExitCode, printJson, printWarnings } from '../output/report.js';
import { resolvePlanTemplate } from './plan-template.js';

/**
 * `specforge plan <spec> --rebase`: re-renders an edited plan onto the current template and
 * spec, keeping the hand edits; exit 3 when some of them conflict with the new render.
 */
export async function rebaseOneSpec(spec: string, flags: PlanFlags, cwd: string): Promise<number> {
  if (flags.force) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: '--rebase keeps your edits and --force replaces them; choose one.',
    });
  }
  const registry = await openRegistry(dirname(resolve(cwd, spec)), flags, false);
  const template = await resolvePlanTemplate(registry, flags.template, cwd);
  const change = await planRebase({
    spec,
    template,
    cwd,
    project: registry.project,
    out: flags.out,
    now: resolveNow(),
    environment: cliRenderEnvironment(),
    // Any template the project has may be the one the plan was generated with.
    templates: registry.packs.flatMap((pack) =>
      [...pack.templates.values()].map((resolved) => resolved.template),
    ),
  });
  printWarnings(change.warnings);
  const output = relative(cwd, change.output);
  const exit = change.status === 'conflict' ? ExitCode.conflict : ExitCode.ok;

  if (flags.stdout) {
    if (flags.json) printJson(describe(change, output, false, { text: change.text }));
    else process.stdout.write(change.text);
    return exit;
  }
  if (flags.dryRun) {
    const diff = diffRebaseChange(change, output);
    if (flags.json) printJson(describe(change, output, false, { diff }));
    else process.stdout.write(`${summary(change, output, true)}\n${diff}`);
    return exit;
  }
  await saveLock(registry);
  const written = await applyRebase(change);
  if (flags.json) printJson(describe(change, output, written));
  else process.stdout.write(`${summary(change, output, false)}\n`);
  return exit;
}

function summary(change: RebaseChange, output: string, dryRun: boolean): string {
  const would = dryRun ? 'would ' : '';
  switch (change.status) {
    case 'up-to-date':
      return `up to date: ${output} (it records the current spec and template)`;
    case 'pristine':
      return `${would}${dryRun ? 'update' : 'updated'} ${output}: not edited by hand, so it is simply re-rendered with ${change.template}`;
    case 'rebased':
      return `${would}${dryRun ? 'rebase' : 'rebased'} ${output} onto ${change.template}: your edits are kept`;
    default: {
      const where = change.conflicts.map(
        (c) =>
          `  ${output}:${c.line} ${c.kind} in ${c.section || 'the text before the first heading'}`,
      );
      return [
        `${would}${dryRun ? 'rebase' : 'rebased'} ${output} onto ${change.template} with ${change.conflicts.length} conflict${change.conflicts.length === 1 ? '' : 's'}:`,
        ...where,
        'Resolve each block between <<<<<<< and >>>>>>> (keep what you want, delete the marker lines).',
      ].join('\n');
    }
  }
}

function describe(
  change: RebaseChange,
  output: string,
  written: boolean,
  extra: object = {},
): object {
  return {
    spec: change.spec,
    template: change.templateId,
    output,
    status: change.status,
    written,
    base: change.base ?? null,
    conflicts: change.conflicts,
    ...extra,
  };
}
