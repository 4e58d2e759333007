import { didYouMean, SpecforgeError } from '@specforge/core';

/** The agents `specforge agents export` writes commands for. */
export const AGENT_NAMES = [
  'claude',
  'copilot',
  'gemini',
  'cursor',
  'codex',
  'windsurf',
  'opencode',
  'generic',
] as const;

/** An agent `specforge agents export` writes commands for. */
export type AgentName = (typeof AGENT_NAMES)[number];

/**
 * The shape of the file an agent reads a command from:
 * - `skill`: a folder `specforge-<command>/` holding `SKILL.md` with `name` and `description`
 *   front matter;
 * - `markdown`: a file `specforge.<command>.md` with `description` front matter;
 * - `toml`: a file `specforge.<command>.toml` with `description = "…"` and `prompt = """…"""`.
 */
export type AgentShape = 'skill' | 'markdown' | 'toml';

/** Where and how one agent reads commands. */
export interface AgentFormat {
  /** The name `--agent` takes. */
  name: AgentName;
  /** The product, for messages: `Claude Code`. */
  title: string;
  /** The shape of a command's file (see {@link AgentShape}). */
  shape: AgentShape;
  /** The folder the commands go in, relative to the export root, with `/` separators. */
  dir: string;
  /** What the agent replaces with the text typed after the command. */
  argumentToken: '$ARGUMENTS' | '{{args}}';
  /** What the user types before a command's name to run it: `/` or, for Codex skills, `$`. */
  invocationPrefix: '/' | '$';
}

/**
 * Every agent's folder, file shape and argument token, as Spec Kit v1.0.1 (August 2026) installs
 * its own commands for the same agents (see docs/agents.md); Windsurf reads workflows from
 * `.windsurf/workflows`, and `generic` is specforge's own plain Markdown folder.
 */
export const AGENT_FORMATS: Readonly<Record<AgentName, AgentFormat>> = {
  claude: {
    name: 'claude',
    title: 'Claude Code',
    shape: 'skill',
    dir: '.claude/skills',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
  copilot: {
    name: 'copilot',
    title: 'GitHub Copilot',
    shape: 'skill',
    dir: '.github/skills',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
  gemini: {
    name: 'gemini',
    title: 'Gemini CLI',
    shape: 'toml',
    dir: '.gemini/commands',
    argumentToken: '{{args}}',
    invocationPrefix: '/',
  },
  cursor: {
    name: 'cursor',
    title: 'Cursor',
    shape: 'skill',
    dir: '.cursor/skills',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
  codex: {
    name: 'codex',
    title: 'Codex',
    shape: 'skill',
    dir: '.agents/skills',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '$',
  },
  windsurf: {
    name: 'windsurf',
    title: 'Windsurf',
    shape: 'markdown',
    dir: '.windsurf/workflows',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
  opencode: {
    name: 'opencode',
    title: 'opencode',
    shape: 'markdown',
    dir: '.opencode/commands',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
  generic: {
    name: 'generic',
    title: 'any agent',
    shape: 'markdown',
    dir: '.specforge/commands',
    argumentToken: '$ARGUMENTS',
    invocationPrefix: '/',
  },
};

/**
 * The format of the agent called `name`.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_AGENT_UNKNOWN`, listing the agents there are, for any
 *   other name.
 *
 * @example
 * ```ts
 * findAgentFormat('gemini').dir; // '.gemini/commands'
 * ```
 */
export function findAgentFormat(name: string): AgentFormat {
  if (Object.hasOwn(AGENT_FORMATS, name)) return AGENT_FORMATS[name as AgentName];
  const guess = didYouMean(name, AGENT_NAMES);
  throw new SpecforgeError(
    'SPECFORGE_AGENT_UNKNOWN',
    { agent: name, available: [...AGENT_NAMES] },
    guess
      ? { hint: `Did you mean --agent ${guess}? See docs/agents.md for each agent's folder.` }
      : {},
  );
}

/** The name an agent knows a command by: `specforge-plan` for skills, `specforge.plan` otherwise. */
export function agentCommandName(format: AgentFormat, command: string): string {
  return format.shape === 'skill' ? `specforge-${command}` : `specforge.${command}`;
}

/** What a user types to run a command: `/specforge-plan`, `$specforge-plan`, `/specforge.plan`. */
export function agentInvocation(format: AgentFormat, command: string): string {
  return `${format.invocationPrefix}${agentCommandName(format, command)}`;
}

/**
 * The file a command goes to, relative to the export root with `/` separators:
 * `.claude/skills/specforge-plan/SKILL.md`, `.gemini/commands/specforge.plan.toml`.
 */
export function agentCommandPath(format: AgentFormat, command: string): string {
  const name = agentCommandName(format, command);
  switch (format.shape) {
    case 'skill':
      return `${format.dir}/${name}/SKILL.md`;
    case 'toml':
      return `${format.dir}/${name}.toml`;
    default:
      return `${format.dir}/${name}.md`;
  }
}
