import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProjectRegistry } from '../resolve/open-project-registry.js';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { teamProject } from './test-utils/team-project.js';
import { readWorkflowTemplates } from './workflow-templates.js';

afterEach(removeTempTrees);

async function registryOf(tree: Record<string, string>) {
  const root = await writeTempTree(tree);
  return {
    root,
    registry: await openProjectRegistry({ cwd: root, cacheDir: join(root, '.cache') }),
  };
}

describe('readWorkflowTemplates', () => {
  it('describes the built-in templates when the config names none, as plan and check default', async () => {
    const { registry } = await registryOf({ 'specforge.config.yaml': 'name: Plain\n' });
    const templates = await readWorkflowTemplates(registry);
    expect(templates.project).toBe('Plain');
    expect(
      (['spec', 'plan', 'tasks'] as const).map((role) => {
        const t = templates[role];
        return [t.ref, t.configured, t.pack, t.layers, t.base, t.changes.length, t.fillSlots];
      }),
    ).toEqual([
      ['speckit/spec', false, 'speckit@1.0.0', ['speckit@1.0.0'], undefined, 0, false],
      ['speckit/plan', false, 'speckit@1.0.0', ['speckit@1.0.0'], undefined, 0, false],
      ['speckit/tasks', false, 'speckit@1.0.0', ['speckit@1.0.0'], undefined, 0, false],
    ]);
    expect(templates.tasks.idPatterns).toEqual([['T', 'T\\d{3}[a-z]?']]);
    expect(templates.tasks.traces).toEqual([{ from: 'stories' }]);
    expect(templates.spec.requiredSections[0]).toEqual({
      path: 'user-scenarios-testing',
      title: 'User Scenarios & Testing *(mandatory)*',
    });
  });

  it("lists the team's overlay changes and the chain's layers, with the sections' headings", async () => {
    const { registry } = await registryOf(teamProject);
    const { plan } = await readWorkflowTemplates(registry);
    expect(plan).toMatchObject({
      ref: 'team/plan',
      configured: true,
      pack: 'team@2.1.0',
      layers: ['speckit@1.0.0', 'team@2.1.0'],
      base: 'speckit/plan',
      description: 'The team plan.',
      output: 'plan.md',
    });
    expect(plan.requiredSections.map((s) => s.path)).not.toContain('deployment');
    expect(plan.requiredSections.find((s) => s.path === 'rollback')?.title).toBe('Rollback');
    expect(plan.changes).toEqual([
      {
        layer: 'team@2.1.0',
        op: 'replace',
        target: 'technical-approach/technology-stack',
        titles: ['Technology Stack'],
      },
      {
        layer: 'team@2.1.0',
        op: 'insert',
        target: 'testing-strategy',
        position: 'before',
        titles: ['Security Review', 'Privacy'],
      },
      { layer: 'team@2.1.0', op: 'append', target: 'risk-assessment', titles: [] },
      { layer: 'team@2.1.0', op: 'rename', target: 'rollback-plan', titles: ['Rollback'] },
      { layer: 'team@2.1.0', op: 'remove', target: 'deployment', titles: [] },
    ]);
  });

  it('reads a template file the config names from the project root', async () => {
    const { registry } = await registryOf(teamProject);
    const { tasks } = await readWorkflowTemplates(registry);
    expect(tasks).toEqual({
      role: 'tasks',
      ref: './templates/tasks.md',
      configured: true,
      pack: 'file:templates/tasks.md@0.0.0',
      kind: 'tasks',
      description: 'Our tasks.',
      output: 'tasks.md',
      layers: ['file:templates/tasks.md@0.0.0'],
      base: undefined,
      requiredSections: [
        { path: 'work', title: undefined },
        { path: 'work/details', title: undefined },
      ],
      placeholders: ['[WHO]'],
      idPatterns: [
        ['T', 'T\\d{3}'],
        ['W', 'W-\\d+'],
      ],
      traces: [{ from: 'requirements', in: 'work' }],
      changes: [],
      fillSlots: true,
    });
  });

  it('points at the config when it names a template the project does not have', async () => {
    const { root, registry } = await registryOf({
      'specforge.config.yaml': 'spec:\n  template: speckit/spek\n',
    });
    const error = await failure(() => readWorkflowTemplates(registry), root);
    expect(error).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
      at: '<root>/specforge.config.yaml',
      hint: 'Did you mean speckit/spec?',
    });
  });
});
