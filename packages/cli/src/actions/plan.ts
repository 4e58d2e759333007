import { dirname, relative, resolve } from 'node:path';
import {
  applyPlanChange,
  diffPlanChange,
  type PlanChange,
  planSpec,
  SpecforgeError,
} from '@specforge/core';
import { classifySpecPath, findSpecs } from '@specforge/template-registry';
import type { PlanFlags } from '../commands/plan.js';
import { resolveNow } from '../output/clock.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry, saveLock } from '../output/open-registry.js';
import { cliRenderEnvironment } from '../output/render-environment.js';
import { exitCodeFor, printError, printJson, printWarnings } from '../output/report.js';
import { runAction } from '../output/run-action.js';
import { resolvePlanTemplate } from './plan-template.js';

/** The action of `specforge plan`: one spec with its diff and JSON, or many with a summary. */
export async function runPlan(specs: string[], flags: PlanFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'plan' }, async () => {
    if (flags.stdout && (flags.out || flags.dryRun)) {
      const other = flags.out ? '--out' : '--dry-run';
      throw new SpecforgeError('SPECFORGE_USAGE', {
        reason: `--stdout cannot be combined with ${other}.`,
      });
    }
    const cwd = process.cwd();
    const mode = await chooseMode(specs, flags, cwd);
    // The rebase (a three-way merge) and the many-spec run (progress, summary) load only when used.
    if ('single' in mode) {
      if (!flags.rebase) return planOneSpec(mode.single, flags, cwd);
      const { rebaseOneSpec } = await import('./plan-rebase.js');
      return rebaseOneSpec(mode.single, flags, cwd);
    }
    const { planManySpecs } = await import('./plan-many.js');
    return planManySpecs(mode.many, flags, cwd);
  });
}

/**
 * One spec file named as such keeps the one-spec output (and its JSON shape); so does a folder
 * or glob that matches a single spec when --out or --stdout asks for exactly one.
 */
async function chooseMode(
  specs: string[],
  flags: PlanFlags,
  cwd: string,
): Promise<{ single: string } | { many: string[] }> {
  const [first] = specs;
  if (specs.length === 1 && first !== undefined) {
    const kind = await classifySpecPath(first, { cwd });
    // A path that does not exist stays a single spec, so that the error names it as before.
    if (kind === 'file' || kind === 'missing') return { single: first };
  }
  const found = await findSpecs({ cwd, paths: specs });
  const oneOnly = flags.out
    ? '--out'
    : flags.stdout
      ? '--stdout'
      : flags.rebase
        ? '--rebase'
        : undefined;
  if (!oneOnly) return { many: found };
  if (found.length === 1) return { single: displayPath(found[0]!, cwd) };
  throw new SpecforgeError('SPECFORGE_USAGE', {
    reason: `${oneOnly} takes one spec, but the arguments match ${found.length} specs.`,
  });
}

async function planOneSpec(spec: string, flags: PlanFlags, cwd: string): Promise<number> {
  // The spec's own project decides: in a monorepo, a package's config applies to its specs.
  // Nothing is written before the plan is known to be writable, the lock included.
  const writes = !flags.stdout && !flags.dryRun;
  const registry = await openRegistry(dirname(resolve(cwd, spec)), flags, false);
  const { project } = registry;
  const template = await resolvePlanTemplate(registry, flags.template, cwd);
  const change = await planSpec({
    spec,
    template,
    cwd,
    project,
    out: flags.out,
    // --stdout never touches the file, so what is on disk must not stop it.
    force: flags.force || flags.stdout,
    now: resolveNow(),
    environment: cliRenderEnvironment(),
  });
  printWarnings(change.warnings);

  if (flags.stdout) {
    if (flags.json) printJson(describe(change, cwd, false, { text: change.text }));
    else process.stdout.write(change.text);
    return 0;
  }
  const output = relative(cwd, change.output);
  if (flags.dryRun) {
    // The diff is what the refusal hint points to, so it is shown for refused files too.
    const diff = change.status === 'up-to-date' ? '' : diffPlanChange(change, output);
    if (flags.json) printJson(describe(change, cwd, false, { diff }));
    else process.stdout.write(`${dryRunLine(change, output)}\n${diff}`);
    if (!change.refusal) return 0;
    printError(change.refusal);
    return exitCodeFor(change.refusal);
  }
  if (change.refusal) throw change.refusal;
  if (writes) await saveLock(registry);
  const written = await applyPlanChange(change);
  if (flags.json) printJson(describe(change, cwd, written));
  else
    process.stdout.write(
      written
        ? `wrote ${output} (${change.template}, ${byteLength(change.text)} bytes)\n`
        : `up to date: ${output}\n`,
    );
  return 0;
}

function describe(change: PlanChange, cwd: string, written: boolean, extra: object = {}): object {
  return {
    spec: change.spec,
    template: change.templateId,
    output: relative(cwd, change.output),
    written,
    bytes: byteLength(change.text),
    status: change.status,
    warnings: change.warnings.map(({ code, message, location }) => ({
      code,
      message,
      location: location ?? null,
    })),
    ...extra,
  };
}

function dryRunLine(change: PlanChange, output: string): string {
  switch (change.status) {
    case 'create':
      return `would create ${output}`;
    case 'update':
      return `would update ${output}`;
    case 'edited':
      return `would refuse ${output}: edited by hand since it was generated`;
    case 'foreign':
      return `would refuse ${output}: not generated by specforge`;
    default:
      return `up to date: ${output}`;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
