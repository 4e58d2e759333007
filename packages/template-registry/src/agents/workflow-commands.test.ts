import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProjectRegistry } from '../resolve/open-project-registry.js';
import { removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { AGENT_NAMES, findAgentFormat } from './agent-formats.js';
import { teamProject } from './test-utils/team-project.js';
import { writeWorkflowCommands } from './workflow-commands.js';
import {
  readWorkflowTemplates,
  type WorkflowTemplate,
  type WorkflowTemplates,
} from './workflow-templates.js';

afterEach(removeTempTrees);

async function teamTemplates(): Promise<{ root: string; templates: WorkflowTemplates }> {
  const root = await writeTempTree(teamProject);
  const registry = await openProjectRegistry({ cwd: root, cacheDir: join(root, '.cache') });
  return { root, templates: await readWorkflowTemplates(registry) };
}

/** The lines of a body from `start` (a heading) up to the next `##` heading. */
function section(body: string, start: string): string[] {
  const lines = body.split('\n');
  const from = lines.indexOf(start);
  const to = lines.findIndex((line, index) => index > from && line.startsWith('## '));
  return lines.slice(from + 1, to < 0 ? undefined : to).filter(Boolean);
}

describe('writeWorkflowCommands', () => {
  it("describes the team's plan template: ref, layers, required sections, placeholders and changes", async () => {
    const { templates } = await teamTemplates();
    const [plan] = writeWorkflowCommands(templates, findAgentFormat('claude'));
    expect(plan!.description).toBe(
      "Plan a feature: turn its spec into plan.md with the team's plan template (team/plan), write the plan's content and check it with specforge.",
    );
    expect(section(plan!.body, "## The team's plan template")).toMatchInlineSnapshot(`
      [
        "\`team/plan\` from team@2.1.0 (layers: speckit@1.0.0 → team@2.1.0), named by \`plan.template\` in the project's config:",
        "> The team plan.",
        "- Output: \`plan.md\`, beside the spec.",
        "- Required sections, by heading path (\`specforge check\` reports each one missing):",
        "  - \`context\`: Context",
        "  - \`technical-approach\`: Technical Approach",
        "  - \`implementation-steps\`: Implementation Steps",
        "  - \`file-changes\`: File Changes",
        "  - \`testing-strategy\`: Testing Strategy",
        "  - \`risk-assessment\`: Risk Assessment",
        "  - \`rollback\`: Rollback",
        "  - \`dependencies\`: Dependencies",
        "- Placeholders to replace (\`specforge check\` reports each one left): \`[Foundation]\`, \`[Core Implementation]\`, \`[Integration & Polish]\`, \`Task 1\`, \`Task 2\`, \`Task 3\`, \`X hours/days\`, \`path/to/new/file.js\`, \`path/to/existing/file.js\`, \`Unit tests for...\`, \`Integration tests for...\`, \`Manual testing steps...\`, \`Risk 1\`, \`Risk 2\`, \`High/Medium/Low\`, \`How to address\`, \`Step to revert\`.",
        "- The team's changes to \`speckit/plan\` (they are the team's decisions: follow them):",
        "  - team@2.1.0 replaces \`technical-approach/technology-stack\` with Technology Stack",
        "  - team@2.1.0 inserts Security Review, Privacy before \`testing-strategy\`",
        "  - team@2.1.0 adds to the end of \`risk-assessment\`",
        "  - team@2.1.0 renames \`rollback-plan\` to Rollback",
        "  - team@2.1.0 removes \`deployment\`: leave that section out",
      ]
    `);
  });

  it('generates the task list with the configured template and names its id formats, traces and fill slots', async () => {
    const { templates } = await teamTemplates();
    const [, tasks] = writeWorkflowCommands(templates, findAgentFormat('opencode'));
    expect(section(tasks!.body, "## The team's task list template")).toMatchInlineSnapshot(`
      [
        "\`./templates/tasks.md\` from file:templates/tasks.md@0.0.0, named by \`tasks.template\` in the project's config:",
        "> Our tasks.",
        "- Output: \`tasks.md\`, beside the spec.",
        "- Required sections, by heading path (\`specforge check\` reports each one missing):",
        "  - \`work\`",
        "  - \`work/details\`",
        "- Placeholders to replace (\`specforge check\` reports each one left): \`[WHO]\`.",
        "- Id formats (the whole id must match): \`T\` ids \`T\\d{3}\`; \`W\` ids \`W-\\d+\`.",
        "- Traces: every functional requirement of the spec (\`FR-001\`, …) must be referenced by its id in the section \`work\`.",
        "- It leaves \`<!-- fill: … -->\` slots where the spec cannot say what goes there; \`specforge check\` reports each one left.",
      ]
    `);
    expect(tasks!.body).toContain(
      '2. Generate the task list: `specforge plan <spec> --template ./templates/tasks.md`.',
    );
    expect(tasks!.body).toContain(
      "3. Write the tasks from the plan and the spec, in the format the file describes: fill every `<!-- fill: … -->` slot (and delete the comment), replace every placeholder listed above and keep every required section's heading. Give each item an id of the form above (`T`, `W`) and reference every spec item the traces above name.",
    );
  });

  it.each(AGENT_NAMES)(
    "puts %s's argument token where the input goes and names the other commands as it runs them",
    async (agent) => {
      const { root, templates } = await teamTemplates();
      const format = findAgentFormat(agent);
      const commands = writeWorkflowCommands(templates, format);
      expect(commands.map((command) => command.name)).toEqual(['plan', 'tasks', 'check']);
      const other = format.argumentToken === '$ARGUMENTS' ? '{{args}}' : '$ARGUMENTS';
      for (const command of commands) {
        expect(command.body.split(format.argumentToken)).toHaveLength(2);
        expect(command.body).toContain(`\`\`\`text\n${format.argumentToken}\n\`\`\``);
        expect(command.body).not.toContain(other);
        expect(command.body).toContain(`\`specforge agents export --agent ${agent}\``);
        // Nothing of the machine: the project's folder appears nowhere.
        expect(command.body).not.toContain(root);
        expect(command.body.endsWith('\n')).toBe(true);
        expect(command.description).not.toContain('\n');
      }
      const prefix =
        format.shape === 'skill' ? `${format.invocationPrefix}specforge-` : '/specforge.';
      expect(commands[0]!.body).toContain(`Next: \`${prefix}tasks\` breaks the plan into tasks.`);
      expect(commands[1]!.body).toContain(`run \`${prefix}plan\` first`);
    },
  );

  it('writes the same text for the same templates', async () => {
    const { templates } = await teamTemplates();
    const again = structuredClone(templates);
    const format = findAgentFormat('gemini');
    expect(writeWorkflowCommands(again, format)).toEqual(writeWorkflowCommands(templates, format));
  });

  it('quotes whatever text a template holds without breaking the Markdown around it', () => {
    const template: WorkflowTemplate = {
      role: 'plan',
      ref: 'odd/plan',
      configured: true,
      pack: 'odd@1.0.0',
      kind: 'plan',
      description: 'Two lines:\n\nthe second one.',
      output: 'plan.md',
      layers: ['odd@1.0.0'],
      base: undefined,
      requiredSections: [{ path: 'a', title: 'A `code` title' }],
      placeholders: ['`ticks`', 'a ``b`` c', 'multi\nline'],
      idPatterns: [],
      traces: [],
      changes: [],
      fillSlots: false,
    };
    const templates: WorkflowTemplates = {
      project: 'Shop --> "quoted"',
      spec: { ...template, role: 'spec' },
      plan: template,
      tasks: { ...template, role: 'tasks' },
    };
    const [plan] = writeWorkflowCommands(templates, findAgentFormat('claude'));
    expect(plan!.body.split('\n')[0]).toContain('from the templates of Shop - -> "quoted".');
    expect(section(plan!.body, "## The team's plan template")).toEqual([
      "`odd/plan` from odd@1.0.0, named by `plan.template` in the project's config:",
      '> Two lines:',
      '>',
      '> the second one.',
      '- Output: `plan.md`, beside the spec.',
      '- Required sections, by heading path (`specforge check` reports each one missing):',
      '  - `a`: A `code` title',
      '- Placeholders to replace (`specforge check` reports each one left): `` `ticks` ``, ```a ``b`` c```, `multi line`.',
    ]);
  });
});
