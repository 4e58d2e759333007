import {
  findSpecs,
  type GeneratedFileStatus,
  openSpecWorkspace,
  readWorkspaceStatus,
  type SpecStatus,
} from '@specforge/template-registry';
import type { StatusFlags } from '../commands/status.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { displayPath } from '../output/display-path.js';
import { ExitCode, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge status`: a table, or `{ specs }` with `--json`. */
export async function runStatus(paths: string[], flags: StatusFlags): Promise<void> {
  await runAction(flags, async () => {
    const cwd = process.cwd();
    const specs = await findSpecs({ cwd, paths });
    const workspace = await openSpecWorkspace({
      specs,
      cwd,
      cacheDir: resolveCacheDir(),
      frozen: flags.frozen,
    });
    const statuses: SpecStatus[] = [];
    for await (const status of readWorkspaceStatus(workspace)) statuses.push(status);
    if (flags.json) printJson({ specs: statuses.map((status) => describeStatus(status, cwd)) });
    else process.stdout.write(formatTable(statuses, cwd));
    // A report, not a check: stale or edited plans are what it is asked to show.
    return ExitCode.ok;
  });
}

/** One entry of `specs` in the `--json` document (see docs/cli.md). */
function describeStatus(status: SpecStatus, cwd: string): object {
  const file = (generated: GeneratedFileStatus) => ({
    file: displayPath(generated.file, cwd),
    state: generated.state,
    stale: generated.stale ?? null,
    template: generated.template ?? null,
  });
  return {
    spec: displayPath(status.spec, cwd),
    plan: file(status.plan),
    tasks: file(status.tasks),
  };
}

function formatTable(statuses: SpecStatus[], cwd: string): string {
  const rows = [
    ['spec', 'plan', 'tasks'],
    ...statuses.map((status) => [
      displayPath(status.spec, cwd),
      describeState(status.plan),
      describeState(status.tasks),
    ]),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map(([spec, plan, tasks]) =>
    `${spec!.padEnd(widths[0]!)}  ${plan!.padEnd(widths[1]!)}  ${tasks}`.trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

function describeState(file: GeneratedFileStatus): string {
  const changed = {
    spec: 'spec changed',
    template: 'template changed',
    both: 'spec and template changed',
  };
  const stale = file.stale ? `stale (${changed[file.stale]})` : '';
  switch (file.state) {
    case 'up-to-date':
      return 'up to date';
    case 'stale':
      return stale;
    case 'edited':
      return stale ? `edited, ${stale}` : 'edited';
    case 'template-unknown':
      return stale ? `template unknown, ${stale}` : 'template unknown';
    default:
      return file.state;
  }
}
