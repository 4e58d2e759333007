import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AGENT_NAMES, findAgentFormat } from './agent-formats.js';
import { renderAgentFile } from './render-agent-file.js';
import type { WorkflowCommand } from './workflow-commands.js';

const command: WorkflowCommand = {
  name: 'plan',
  description: 'Plan a feature: with "quotes", a # and a colon: here.',
  body: '## Input\n\n```text\nTOKEN\n```\n\nA "quoted" \\ path and """ three quotes.\n',
};

/** Front matter and body of a Markdown file with `---` front matter. */
function splitFrontMatter(text: string): { fields: unknown; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no front matter in ${JSON.stringify(text.slice(0, 80))}`);
  return { fields: parseYaml(match[1]!), body: match[2]! };
}

describe('renderAgentFile', () => {
  it('writes a skill as SKILL.md with its folder name and the description as front matter', () => {
    const file = renderAgentFile(findAgentFormat('claude'), command);
    expect(file.path).toBe('.claude/skills/specforge-plan/SKILL.md');
    expect(file.command).toBe('plan');
    expect(splitFrontMatter(file.text)).toEqual({
      fields: { name: 'specforge-plan', description: command.description },
      body: command.body,
    });
    expect(file.text.split('\n').slice(0, 4)).toEqual([
      '---',
      'name: specforge-plan',
      'description: \'Plan a feature: with "quotes", a # and a colon: here.\'',
      '---',
    ]);
  });

  it('writes a Markdown command with the description as its only front matter', () => {
    for (const agent of ['windsurf', 'opencode', 'generic'] as const) {
      const file = renderAgentFile(findAgentFormat(agent), command);
      expect(file.path).toBe(`${findAgentFormat(agent).dir}/specforge.plan.md`);
      expect(splitFrontMatter(file.text)).toEqual({
        fields: { description: command.description },
        body: command.body,
      });
    }
  });

  it('writes a Gemini command as TOML with a description and a multi-line prompt', () => {
    const file = renderAgentFile(findAgentFormat('gemini'), command);
    expect(file.path).toBe('.gemini/commands/specforge.plan.toml');
    expect(file.text).toMatchInlineSnapshot(`
      "description = "Plan a feature: with \\"quotes\\", a # and a colon: here."

      prompt = """
      ## Input

      \`\`\`text
      TOKEN
      \`\`\`

      A "quoted" \\\\ path and \\"\\"" three quotes.
      """
      "
    `);
    expect({ ...parseToml(file.text) }).toEqual({
      description: command.description,
      prompt: command.body,
    });
  });

  it('round-trips any prompt through TOML, and any description as one line', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc
        .array(
          fc.constantFrom(
            '"',
            '"""',
            '\\',
            '\n',
            '\r\n',
            '\t',
            '\u0000',
            '#',
            ':',
            '---',
            '{{args}}',
            'x',
          ),
          {
            maxLength: 30,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, text, (description, body) => {
        const toml = parseToml(
          renderAgentFile(findAgentFormat('gemini'), { name: 'check', description, body }).text,
        );
        expect(toml.prompt).toBe(body);
        expect(toml.description).toBe(description.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(text, (description) => {
        for (const agent of AGENT_NAMES.filter((name) => findAgentFormat(name).shape !== 'toml')) {
          const file = renderAgentFile(findAgentFormat(agent), { ...command, description });
          const fields = splitFrontMatter(file.text).fields as { description: string };
          expect(fields.description).toBe(description.replace(/\s+/g, ' ').trim());
        }
      }),
      { numRuns: 200 },
    );
  });
});
