import { Command } from 'commander';

/** Flags of `specforge agents export`. */
export interface AgentsExportFlags {
  agent: string;
  dir?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  frozen?: boolean;
  debug?: boolean;
}

/** `specforge agents …`: the team's workflow as commands of coding agents. */
export function makeAgentsCommand(): Command {
  const agents = new Command('agents')
    .summary('give coding agents the workflow commands')
    .description(
      "Give coding agents the team's workflow: commands that run specforge with the project's templates.",
    );
  agents.addCommand(
    new Command('export')
      .summary('write the workflow commands for one agent')
      .description(
        'Write /specforge plan, tasks and check commands for a coding agent, in its own folder and format,\n' +
          "describing the project's templates (refs, required sections, placeholders, rules, the team's\n" +
          'changes) and how to run specforge. Agents: claude, copilot, cursor and codex (skill folders),\n' +
          'gemini (TOML commands), windsurf (workflows), opencode and generic (Markdown commands).\n' +
          'Exporting again writes only what changed. A file edited since the last export, or one that\n' +
          'specforge did not write, is left alone and reported (exit 1) unless --force; the hashes of\n' +
          'what was written are kept in .specforge/agents-manifest.json.',
      )
      .requiredOption(
        '--agent <name>',
        'claude, copilot, gemini, cursor, codex, windsurf, opencode or generic',
      )
      .option('--dir <path>', "the folder the agent's files go under (default: the project root)")
      .option(
        '-f, --force',
        'replace files edited since the last export or not written by specforge',
      )
      .option('--dry-run', 'write nothing; print what would be written')
      .option(
        '--json',
        'print { agent, root, folder, manifest, commands, files, kept, written } as JSON',
      )
      .option('--frozen', 'fail if the packs no longer match specforge.lock instead of updating it')
      .option('--debug', 'print stack traces of errors')
      .action(async (flags: AgentsExportFlags) => {
        const { runAgentsExport } = await import('../actions/agents-export.js');
        await runAgentsExport(flags);
      }),
  );
  return agents;
}
