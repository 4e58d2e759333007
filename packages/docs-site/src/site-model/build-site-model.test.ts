import { openProjectRegistry } from '@specforge/template-registry';
import { describe, expect, it } from 'vitest';
import { forkManifest, makeProject } from '../test-utils/temp-project.js';
import { buildSiteModel } from './build-site-model.js';
import { builtinExampleSpec, loadExampleSpec } from './example-spec.js';
import type { SiteSection, SiteTemplate } from './types.js';

const overlay = `---
extends: speckit/plan
description: Our plan.
inputs:
  audience:
    required: false
    description: Who reads the plan.
---
<!-- specforge: replace technical-approach/technology-stack -->
### Technology Stack

- Languages: Go

<!-- specforge: insert after testing-strategy -->
## Security Review

- Threat model for every endpoint.

<!-- specforge: append risk-assessment -->
| Vendor lock-in | Medium | Keep adapters thin |

<!-- specforge: remove deployment -->
`;

async function modelOf(files: Record<string, string>) {
  const cwd = await makeProject(files);
  const registry = await openProjectRegistry({ cwd, cacheDir: `${cwd}/.cache` });
  const example = await loadExampleSpec(registry.project);
  return buildSiteModel({
    packs: registry.packs,
    project: registry.project,
    example,
    descriptions: new Map([['team', 'The team pack.']]),
    now: new Date('2026-01-31T00:00:00Z'),
  });
}

function flatten(sections: readonly SiteSection[]): SiteSection[] {
  return sections.flatMap((section) => [section, ...flatten(section.children)]);
}

function section(template: SiteTemplate, path: string): SiteSection {
  const found = flatten(template.sections).find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no section ${path}`);
  return found;
}

const forkedProject = {
  'specforge.config.yaml': 'name: Team\npacks:\n  - ./packs/team\n',
  'packs/team/package.json': forkManifest('team', { plan: 'plan.md' }),
  'packs/team/plan.md': overlay,
};

describe('buildSiteModel', () => {
  it('lists every pack with its base, description and source, and every template of each', async () => {
    const model = await modelOf(forkedProject);
    expect(model.project).toBe('Team');
    expect(model.packs.map(({ templates, ...pack }) => pack)).toEqual([
      expect.objectContaining({
        name: 'speckit',
        version: '1.0.0',
        base: undefined,
        source: 'npm:@specforge/templates-speckit@1.0.0',
      }),
      {
        name: 'team',
        version: '2.0.0',
        base: 'speckit',
        copiedFrom: undefined,
        description: 'The team pack.',
        source: 'path:packs/team',
      },
    ]);
    expect(model.templates.map((t) => t.ref)).toEqual([
      'speckit/checklist',
      'speckit/plan',
      'speckit/plan-draft',
      'speckit/spec',
      'speckit/tasks',
      'speckit/tasks-draft',
      'team/checklist',
      'team/plan',
      'team/plan-draft',
      'team/spec',
      'team/tasks',
      'team/tasks-draft',
    ]);
    expect(model.templates.find((t) => t.ref === 'team/plan')?.page).toBe(
      'templates/team/plan/index.html',
    );
  });

  it('blames each section on the layer that introduced it, with pack-relative files and lines', async () => {
    const plan = (await modelOf(forkedProject)).templates.find((t) => t.ref === 'team/plan')!;
    expect(plan.layers).toEqual([
      { pack: 'speckit', version: '1.0.0', file: 'plan.md', kind: 'template' },
      { pack: 'team', version: '2.0.0', file: 'plan.md', kind: 'overlay' },
    ]);
    expect(section(plan, 'technical-approach/technology-stack').blame).toEqual({
      pack: 'team',
      version: '2.0.0',
      file: 'plan.md',
      line: 10,
      changes: [],
    });
    expect(section(plan, 'security-review').blame).toMatchObject({ pack: 'team', line: 15 });
    expect(section(plan, 'context').blame).toMatchObject({
      pack: 'speckit',
      version: '1.0.0',
      file: 'plan.md',
    });
    expect(section(plan, 'risk-assessment').blame.changes).toEqual([
      { op: 'append', pack: 'team', version: '2.0.0', file: 'plan.md', line: 19 },
    ]);
  });

  it('compares a fork with its upstream section by section, with a line diff of each change', async () => {
    const plan = (await modelOf(forkedProject)).templates.find((t) => t.ref === 'team/plan')!;
    expect(plan.upstream).toBe('speckit@1.0.0#plan');
    const changed = flatten(plan.sections)
      .filter((s) => s.status !== 'unchanged')
      .map((s) => [s.path, s.status]);
    expect(changed).toEqual([
      ['technical-approach/technology-stack', 'modified'],
      ['security-review', 'added'],
      ['risk-assessment', 'modified'],
    ]);
    const stack = section(plan, 'technical-approach/technology-stack');
    expect(stack.diff).toContainEqual({ op: '+', text: '- Languages: Go' });
    expect(stack.diff).toContainEqual({ op: ' ', text: '### Technology Stack' });
    expect(stack.diff?.some((line) => line.op === '-')).toBe(true);
    expect(section(plan, 'security-review').diff?.every((line) => line.op === '+')).toBe(true);
    expect(section(plan, 'context').diff).toBeUndefined();
    expect(plan.removed.map((s) => s.path)).toEqual(['deployment']);
  });

  it('gives inherited and built-in templates no upstream, and shows their inputs and check rules', async () => {
    const model = await modelOf(forkedProject);
    const inherited = model.templates.find((t) => t.ref === 'team/tasks')!;
    expect(inherited.upstream).toBeUndefined();
    expect(inherited.layers).toEqual([
      { pack: 'speckit', version: '1.0.0', file: 'tasks.md', kind: 'template' },
    ]);
    expect(flatten(inherited.sections).every((s) => s.status === 'unchanged')).toBe(true);
    expect(inherited.rules.idPatterns).toEqual([{ prefix: 'T', pattern: 'T\\d{3}[a-z]?' }]);
    expect(inherited.rules.traces).toEqual([{ from: 'stories', in: undefined }]);
    const plan = model.templates.find((t) => t.ref === 'team/plan')!;
    expect(plan.description).toBe('Our plan.');
    expect(plan.inputs).toEqual([
      { name: 'audience', required: false, description: 'Who reads the plan.' },
    ]);
    expect(plan.rules.requiredSections).not.toContain('deployment');
  });

  it('renders example plans from the built-in spec when the project has none', async () => {
    const model = await modelOf(forkedProject);
    expect(model.exampleSpec).toEqual({ file: 'example/spec.md', builtIn: true });
    const plan = model.templates.find((t) => t.ref === 'team/plan')!;
    expect(plan.example.ok).toBe(true);
    if (plan.example.ok) {
      expect(plan.example.markdown).toContain('# Feature Specification: Password Reset by Email');
      expect(plan.example.markdown).toContain('## Security Review');
      expect(plan.example.markdown).not.toContain('## Deployment');
    }
  });

  it("renders example plans from the project's first spec when it has one", async () => {
    const model = await modelOf({
      ...forkedProject,
      'specs/002-b/spec.md': '# Feature Specification: Second\n',
      'specs/001-a/spec.md': '# Feature Specification: First\n',
    });
    expect(model.exampleSpec).toEqual({ file: 'specs/001-a/spec.md', builtIn: false });
    const plan = model.templates.find((t) => t.ref === 'team/plan')!;
    expect(plan.example.ok && plan.example.markdown).toContain('# Feature Specification: First');
  });

  it('shows why a template does not render instead of failing', async () => {
    const model = await modelOf({
      'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
      'packs/team/package.json': forkManifest('team', { needy: 'needy.md' }),
      'packs/team/needy.md':
        '---\nid: needy\nkind: plan\ninputs:\n  budget:\n    required: true\n---\n# Budget: {{budget}}\n',
    });
    const needy = model.templates.find((t) => t.ref === 'team/needy')!;
    expect(needy.example.ok).toBe(false);
    expect(!needy.example.ok && needy.example.message).toMatch(/budget/);
    // Files are named relative to the project, not by their path on the building machine.
    expect(!needy.example.ok && needy.example.message).not.toMatch(/docs-site-project-/);
  });

  it('computes an inherited template once for every pack that has it', async () => {
    const model = await modelOf(forkedProject);
    const base = model.templates.find((t) => t.ref === 'speckit/tasks')!;
    const inherited = model.templates.find((t) => t.ref === 'team/tasks')!;
    expect(inherited.sections).toBe(base.sections);
    expect(inherited.page).toBe('templates/team/tasks/index.html');
  });

  it('uses the built-in example spec as a parsed Spec Kit spec', () => {
    const example = builtinExampleSpec();
    expect(example.spec.title).toBe('Password Reset by Email');
    expect(example.spec.stories.map((story) => story.id)).toEqual(['US1', 'US2']);
    expect(example.spec.requirements.map((r) => r.id)).toEqual([
      'FR-001',
      'FR-002',
      'FR-003',
      'FR-004',
    ]);
  });
});
