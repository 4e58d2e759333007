import { join } from 'node:path';
import type { SpecforgeError } from '@specforge/core';
import {
  countPlanResult,
  emptyPlanSummary,
  openSpecWorkspace,
  type PlanSummary,
  type ProjectRegistry,
  planWorkspace,
  type WorkspacePlanResult,
} from '@specforge/template-registry';
import type { PlanFlags } from '../commands/plan.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { resolveNow } from '../output/clock.js';
import { displayPath } from '../output/display-path.js';
import { threadsFor } from '../output/jobs.js';
import { saveLock } from '../output/open-registry.js';
import { createProgressBar, shouldShowProgress } from '../output/progress.js';
import { cliRenderEnvironment } from '../output/render-environment.js';
import {
  ExitCode,
  errorToJson,
  exitCodeFor,
  printError,
  printJson,
  printWarnings,
} from '../output/report.js';
import { bundledThreadScript } from '../output/thread-script.js';

/** A plan left alone, for the list after the summary. */
interface Refusal {
  output: string;
  reason: string;
}

/**
 * `specforge plan` over many specs: plans each one as `plan <spec>` would, reports it as it goes
 * (a progress bar on a terminal, one line per file elsewhere, or one JSON document), then the
 * summary and the plans it refused. Saves each project's lock once, at the end.
 *
 * Exit code: the highest any spec earned. 0 when every plan was written or up to date; 1 when
 * any was refused; a failed spec exits by its error's kind, as for one spec (2 for bad input:
 * front matter, a template error, an unwritable output).
 */
export async function planManySpecs(
  specs: string[],
  flags: PlanFlags,
  cwd: string,
): Promise<number> {
  const workspace = await openSpecWorkspace({
    specs,
    cwd,
    cacheDir: resolveCacheDir(),
    template: flags.template,
    frozen: flags.frozen,
  });
  const dryRun = Boolean(flags.dryRun);
  // A dry run's lines are its whole point, so they are printed even on a terminal.
  const bar =
    !dryRun && shouldShowProgress(process.stderr) ? createProgressBar(process.stderr) : undefined;
  const toStderr = (write: () => void) => (bar ? bar.interrupt(write) : write());
  const registries = new Map(
    workspace.projects.map(({ registry }) => [registry.project.root, registry]),
  );
  const lockable = new Set<ProjectRegistry>();
  const summary = emptyPlanSummary();
  const refusals: Refusal[] = [];
  const jsonResults: object[] = [];
  let exitCode: number = ExitCode.ok;
  let done = 0;

  try {
    const results = planWorkspace(workspace, {
      write: !dryRun,
      force: flags.force,
      now: resolveNow(),
      environment: cliRenderEnvironment(),
      threads: threadsFor(flags.jobs, workspace.specs.length),
      threadScript: bundledThreadScript(),
      compileCacheDir: join(resolveCacheDir(), 'compiled-templates'),
    });
    for await (const result of results) {
      countPlanResult(summary, result);
      done += 1;
      bar?.update(done, workspace.specs.length, displayPath(result.spec, cwd));
      if (result.status === 'failed') {
        toStderr(() => printError(result.error));
        exitCode = Math.max(exitCode, exitCodeFor(result.error));
      } else {
        const { warnings } = result.change;
        if (warnings.length > 0) toStderr(() => printWarnings(warnings));
        if (result.status === 'edited' || result.status === 'foreign') {
          refusals.push({
            output: displayPath(result.output, cwd),
            reason: refusalReason(result.status),
          });
          exitCode = Math.max(exitCode, ExitCode.problems);
        } else {
          const registry = registries.get(result.project.root);
          if (registry) lockable.add(registry);
        }
      }
      if (flags.json) jsonResults.push(describeResult(result, cwd));
      else if (!bar) process.stdout.write(`${resultLine(result, cwd, dryRun)}\n`);
    }
  } finally {
    bar?.clear();
  }

  // As `plan <spec>` does: a lock is saved only where a plan got through, and never in a dry run.
  if (!dryRun) for (const registry of lockable) await saveLock(registry);
  if (flags.json) printJson({ results: jsonResults, summary });
  else process.stdout.write(formatReport(summary, refusals, dryRun));
  return exitCode;
}

function resultLine(result: WorkspacePlanResult, cwd: string, dryRun: boolean): string {
  const output = displayPath(result.output, cwd);
  switch (result.status) {
    case 'create':
      return dryRun ? `would create ${output}` : `wrote ${output}`;
    case 'update':
      return dryRun ? `would update ${output}` : `wrote ${output}`;
    case 'up-to-date':
      return `up to date ${output}`;
    case 'edited':
    case 'foreign':
      return `${dryRun ? 'would refuse' : 'refused'} ${output} (${refusalReason(result.status)})`;
    case 'failed':
      return `failed ${displayPath(result.spec, cwd)} ${result.error.code} ${result.error.message}`;
  }
}

function refusalReason(status: 'edited' | 'foreign'): string {
  return status === 'edited' ? 'edited by hand' : 'not generated by specforge';
}

function formatReport(summary: PlanSummary, refusals: Refusal[], dryRun: boolean): string {
  const counts = `${summary.written} ${dryRun ? 'to write' : 'written'}, ${summary.upToDate} up to date, ${summary.refused} refused, ${summary.failed} failed`;
  const lines = [dryRun ? `dry run: ${counts}; nothing written` : counts];
  if (refusals.length > 0) {
    lines.push(`${dryRun ? 'would refuse' : 'refused'} (left untouched):`);
    for (const { output, reason } of refusals) lines.push(`  ${output} (${reason})`);
    lines.push(
      'Pass --force to overwrite them, or see what would change with `specforge plan <spec> --dry-run`.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One entry of `results` in the `--json` document (see docs/cli.md). */
function describeResult(result: WorkspacePlanResult, cwd: string): object {
  const base = {
    spec: displayPath(result.spec, cwd),
    output: displayPath(result.output, cwd),
    status: result.status,
    template: result.template,
  };
  if (result.status === 'failed')
    return { ...base, written: false, warnings: [], error: describeError(result.error) };
  const warnings = result.change.warnings.map(({ code, message, location }) => ({
    code,
    message,
    location: location ?? null,
  }));
  return { ...base, written: result.written, warnings };
}

function describeError(error: SpecforgeError): object {
  return (errorToJson(error) as { error: object }).error;
}
