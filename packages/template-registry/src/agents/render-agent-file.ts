import { stringify as stringifyToml } from 'smol-toml';
import { stringify as stringifyYaml } from 'yaml';
import { type AgentFormat, agentCommandName, agentCommandPath } from './agent-formats.js';
import { formatTomlMultilineString } from './toml-string.js';
import {
  type WorkflowCommand,
  type WorkflowCommandName,
  writeWorkflowCommands,
} from './workflow-commands.js';
import type { WorkflowTemplates } from './workflow-templates.js';

/** One file of an agent export: where it goes and what it holds. */
export interface AgentFile {
  /** Relative to the export root, with `/` separators: `.claude/skills/specforge-plan/SKILL.md`. */
  path: string;
  /** The workflow command the file holds. */
  command: WorkflowCommandName;
  /** The file's whole text, front matter included. */
  text: string;
}

/**
 * Shapes one workflow command into the file the agent reads:
 * - `skill`: `SKILL.md` with `name` and `description` front matter, then the instructions;
 * - `markdown`: `description` front matter, then the instructions;
 * - `toml`: `description = "…"` and the instructions as `prompt = """…"""`.
 *
 * The description is written on one line (line breaks and runs of white space become one
 * space). The command's body already carries the agent's argument token (see {@link writeWorkflowCommands}).
 *
 * @example
 * ```ts
 * renderAgentFile(findAgentFormat('gemini'), command).path; // '.gemini/commands/specforge.plan.toml'
 * ```
 */
export function renderAgentFile(format: AgentFormat, command: WorkflowCommand): AgentFile {
  const path = agentCommandPath(format, command.name);
  // Agents list commands by a one-line description.
  const description = oneLine(command.description);
  switch (format.shape) {
    case 'skill':
      return {
        path,
        command: command.name,
        text: withFrontMatter(
          { name: agentCommandName(format, command.name), description },
          command.body,
        ),
      };
    case 'toml':
      return {
        path,
        command: command.name,
        text: `${stringifyToml({ description })}\nprompt = ${formatTomlMultilineString(command.body)}\n`,
      };
    default:
      return {
        path,
        command: command.name,
        text: withFrontMatter({ description }, command.body),
      };
  }
}

/**
 * Every file of one agent's export: each workflow command rendered from the project's templates
 * into the agent's shape, in workflow order.
 */
export function renderAgentFiles(format: AgentFormat, templates: WorkflowTemplates): AgentFile[] {
  return writeWorkflowCommands(templates, format).map((command) =>
    renderAgentFile(format, command),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withFrontMatter(fields: Record<string, string>, body: string): string {
  // One line per field: agents read the description as a single string, folded or not.
  const yaml = stringifyYaml(fields, { lineWidth: 0 });
  return `---\n${yaml}---\n\n${body}`;
}
