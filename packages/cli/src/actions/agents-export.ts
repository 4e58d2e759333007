import { join, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import {
  type AgentFileChange,
  type AgentsExportPlan,
  agentCommandPath,
  agentInvocation,
  applyAgentsExport,
  findAgentFormat,
  planAgentsExport,
  WORKFLOW_COMMANDS,
} from '@specforge/template-registry';
import type { AgentsExportFlags } from '../commands/agents.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry, saveLock } from '../output/open-registry.js';
import { ExitCode, exitCodeFor, printError, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge agents export`. */
export async function runAgentsExport(flags: AgentsExportFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'agents export' }, async () => {
    // A name outside the table is refused before anything is resolved.
    const format = findAgentFormat(flags.agent);
    const cwd = process.cwd();
    const registry = await openRegistry(cwd, flags, false);
    const root = flags.dir ? resolve(cwd, flags.dir) : registry.project.root;
    const plan = await planAgentsExport({ registry, agent: format.name, root, force: flags.force });
    if (!flags.dryRun) {
      await saveLock(registry);
      await applyAgentsExport(plan);
    }

    const show = (path: string) => displayPath(join(root, path), cwd);
    const invocations = WORKFLOW_COMMANDS.map((command) => agentInvocation(format, command));
    if (flags.json) {
      printJson({
        agent: format.name,
        root: displayPath(root, cwd),
        folder: show(format.dir),
        manifest: show(plan.manifest.path),
        commands: WORKFLOW_COMMANDS.map((command, index) => ({
          name: command,
          invoke: invocations[index],
          file: show(agentCommandPath(format, command)),
        })),
        files: plan.files.map((file) => ({
          file: show(file.path),
          command: file.command ?? null,
          action: file.action,
          reason: file.reason ?? null,
        })),
        kept: plan.kept.map(show),
        written: !flags.dryRun,
      });
    } else {
      const lines = plan.files.flatMap((file) => {
        const line = describeFile(file, flags.dryRun ?? false);
        return line ? [`${line.verb} ${show(file.path)}${line.note}`] : [];
      });
      const verb = flags.dryRun ? 'would export' : 'exported';
      lines.push(
        `${verb} ${WORKFLOW_COMMANDS.length} commands for ${format.title} to ${show(format.dir)}: ${summarize(plan, flags.dryRun ?? false)}`,
        `invoke them as ${joinWords(invocations)}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    }

    if (plan.kept.length === 0) return ExitCode.ok;
    const kept = new SpecforgeError('SPECFORGE_AGENT_FILES_KEPT', {
      agent: format.name,
      files: plan.kept.map(show),
    });
    printError(kept);
    return exitCodeFor(kept);
  });
}

const verbs: Record<AgentFileChange['action'], [done: string, planned: string]> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  unchanged: ['unchanged', 'unchanged'],
  skip: ['skipped', 'would skip'],
  overwrite: ['overwrote', 'would overwrite'],
  remove: ['removed', 'would remove'],
  forget: ['left', 'would leave'],
};

const reasons = {
  edited: 'edited since the last export',
  unmanaged: 'not written by specforge',
};

/** One line per file that changes or needs a word; unchanged files only count in the summary. */
function describeFile(
  file: AgentFileChange,
  dryRun: boolean,
): { verb: string; note: string } | undefined {
  if (file.action === 'unchanged') return undefined;
  const verb = verbs[file.action][dryRun ? 1 : 0];
  if (file.action === 'remove') return { verb, note: ' (no longer exported)' };
  if (file.action === 'forget')
    return {
      verb,
      note:
        file.reason === 'edited'
          ? ' (no longer exported, but edited: delete it yourself if it is not needed)'
          : ' (no longer exported; not in the folder specforge writes, so not deleted)',
    };
  return { verb, note: file.reason ? ` (${reasons[file.reason]})` : '' };
}

function summarize(plan: AgentsExportPlan, dryRun: boolean): string {
  const counts = new Map<string, number>();
  for (const file of plan.files) {
    const word = totals[file.action];
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const parts = [...counts].map(([word, count]) => `${count} ${word}`).join(', ');
  const writes =
    plan.manifest.text !== undefined ||
    plan.files.some((file) => file.text !== undefined || file.action === 'remove');
  if (dryRun) return `${parts}; nothing written (dry run)`;
  return writes ? parts : `${parts}; nothing written`;
}

const totals: Record<AgentFileChange['action'], string> = {
  create: 'new',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  overwrite: 'overwritten',
  remove: 'removed',
  forget: 'left',
};

function joinWords(words: string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
