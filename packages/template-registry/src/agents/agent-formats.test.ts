import { describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import {
  AGENT_FORMATS,
  AGENT_NAMES,
  agentCommandName,
  agentCommandPath,
  agentInvocation,
  findAgentFormat,
} from './agent-formats.js';

describe('the agent format table', () => {
  it('gives every agent its folder, file, argument token and invocation', () => {
    const rows = AGENT_NAMES.map((name) => {
      const format = findAgentFormat(name);
      return `${name}: ${format.shape} ${agentCommandPath(format, 'plan')} ${format.argumentToken} ${agentInvocation(format, 'plan')}`;
    });
    expect(rows).toMatchInlineSnapshot(`
      [
        "claude: skill .claude/skills/specforge-plan/SKILL.md $ARGUMENTS /specforge-plan",
        "copilot: skill .github/skills/specforge-plan/SKILL.md $ARGUMENTS /specforge-plan",
        "gemini: toml .gemini/commands/specforge.plan.toml {{args}} /specforge.plan",
        "cursor: skill .cursor/skills/specforge-plan/SKILL.md $ARGUMENTS /specforge-plan",
        "codex: skill .agents/skills/specforge-plan/SKILL.md $ARGUMENTS $specforge-plan",
        "windsurf: markdown .windsurf/workflows/specforge.plan.md $ARGUMENTS /specforge.plan",
        "opencode: markdown .opencode/commands/specforge.plan.md $ARGUMENTS /specforge.plan",
        "generic: markdown .specforge/commands/specforge.plan.md $ARGUMENTS /specforge.plan",
      ]
    `);
  });

  it('names skills as their folder, in the letters, digits and hyphens skill names allow', () => {
    for (const format of Object.values(AGENT_FORMATS).filter((f) => f.shape === 'skill')) {
      for (const command of ['plan', 'tasks', 'check']) {
        const name = agentCommandName(format, command);
        expect(name).toMatch(/^[a-z0-9-]{1,64}$/);
        expect(agentCommandPath(format, command)).toBe(`${format.dir}/${name}/SKILL.md`);
      }
    }
  });

  it('keeps every folder relative, without climbing out of the export root', () => {
    for (const format of Object.values(AGENT_FORMATS)) {
      expect(format.dir).not.toMatch(/^\/|(^|\/)\.\.(\/|$)|\\/);
      expect(format.name).toBe(AGENT_NAMES.find((name) => AGENT_FORMATS[name] === format));
    }
  });
});

describe('findAgentFormat', () => {
  it('refuses a name outside the table, listing the agents there are', async () => {
    expect(await failure(() => findAgentFormat('vim'))).toMatchInlineSnapshot(`
      {
        "at": undefined,
        "code": "SPECFORGE_AGENT_UNKNOWN",
        "hint": "Pass --agent with one of these names, e.g. --agent claude; \`generic\` writes plain Markdown commands to .specforge/commands. See docs/agents.md.",
        "message": "specforge cannot export commands for the agent "vim"; nothing was written. Choose one of: claude, copilot, gemini, cursor, codex, windsurf, opencode, generic.",
      }
    `);
  });

  it('suggests the agent meant when the name is close, and never reads inherited properties', async () => {
    expect((await failure(() => findAgentFormat('Claude'))).hint).toBe(
      "Did you mean --agent claude? See docs/agents.md for each agent's folder.",
    );
    expect((await failure(() => findAgentFormat('gemeni'))).hint).toContain('--agent gemini?');
    expect((await failure(() => findAgentFormat('toString'))).code).toBe('SPECFORGE_AGENT_UNKNOWN');
    expect((await failure(() => findAgentFormat('../claude'))).code).toBe(
      'SPECFORGE_AGENT_UNKNOWN',
    );
  });
});
