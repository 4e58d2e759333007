import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSource } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { builtinPackDirs, loadBuiltinPacks } from './builtin-packs.js';
import type { Pack } from './load-pack.js';
import { findTemplate, listTemplateRefs } from './template-ref.js';

/** The seed plan template lives beside the repository, not in it; tests skip when it is absent. */
const seedFile = fileURLToPath(
  new URL('../../../../shared/seed/plan-template.md', import.meta.url),
);

/** H2 and H3 headings of a template body, outside fenced code blocks, as written. */
function headings(body: string): string[] {
  const found: string[] = [];
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (
      marker &&
      (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))
    ) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence === undefined && /^#{2,3} /.test(line)) found.push(line);
  }
  return found;
}

/**
 * Heading paths (`technical-approach/architecture`) of the headings that hold no Handlebars
 * expression. The slug rule mirrors core's `slugify` (drop a trailing `*(…)*`-style annotation,
 * lower-case, runs of other characters become `-`); core does not export it yet.
 */
function staticHeadingPaths(body: string): string[] {
  const slug = (title: string) =>
    title
      .replace(/\s*(?:[*_]{1,2})?[(（][^()（）]*[)）](?:[*_]{1,2})?\s*$/u, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
  const paths: string[] = [];
  let parent = '';
  for (const heading of headings(body)) {
    const [, hashes = '', title = ''] = /^(#+) (.*)$/.exec(heading) ?? [];
    if (title.includes('{{')) continue;
    if (hashes.length === 2) {
      parent = slug(title);
      paths.push(parent);
    } else {
      paths.push(`${parent}/${slug(title)}`);
    }
  }
  return paths;
}

async function speckit(): Promise<Pack> {
  const packs = await loadBuiltinPacks();
  expect(packs.map((pack) => pack.name)).toEqual(['speckit']);
  return packs[0]!;
}

async function plan(): Promise<TemplateSource> {
  return findTemplate(await loadBuiltinPacks(), 'speckit/plan');
}

describe('the built-in speckit pack', () => {
  it('loads its six templates at the package version', async () => {
    const pack = await speckit();
    const packageJson = JSON.parse(await readFile(join(pack.dir, 'package.json'), 'utf8'));
    expect(pack.version).toBe(packageJson.version);
    expect(pack.packageName).toBe('@specforge/templates-speckit');
    expect(
      [...pack.templates.values()].map((t) => [
        t.meta.id,
        t.meta.kind,
        t.meta.output,
        t.pack.version,
      ]),
    ).toEqual([
      ['spec', 'spec', 'spec.md', pack.version],
      ['plan', 'plan', 'plan.md', pack.version],
      ['tasks', 'tasks', 'tasks.md', pack.version],
      ['checklist', 'checklist', 'checklist.md', pack.version],
      ['plan-draft', 'plan', 'plan.md', pack.version],
      ['tasks-draft', 'tasks', 'tasks.md', pack.version],
    ]);
    expect(listTemplateRefs([pack])).toEqual([
      'speckit/checklist',
      'speckit/plan',
      'speckit/plan-draft',
      'speckit/spec',
      'speckit/tasks',
      'speckit/tasks-draft',
    ]);
  });

  it('is found through the package resolution of this package', () => {
    const dirs = builtinPackDirs();
    expect(dirs).toHaveLength(1);
    expect(existsSync(join(dirs[0]!, 'plan.md'))).toBe(true);
  });

  it('publishes every template file and its README', async () => {
    const pack = await speckit();
    const packageJson = JSON.parse(await readFile(join(pack.dir, 'package.json'), 'utf8'));
    const templateFiles = Object.values(packageJson.specforge.templates);
    expect(packageJson.files).toEqual(expect.arrayContaining(templateFiles));
    expect(existsSync(join(pack.dir, 'README.md'))).toBe(true);
  });

  it('declares only required sections that the templates themselves have', async () => {
    const pack = await speckit();
    for (const template of pack.templates.values()) {
      expect(template.meta.requiredSections.length, template.meta.id).toBeGreaterThan(0);
      expect(staticHeadingPaths(template.body), template.meta.id).toEqual(
        expect.arrayContaining(template.meta.requiredSections),
      );
    }
  });

  it('keeps Spec Kit heading structure in spec, tasks and checklist', async () => {
    const pack = await speckit();
    const h2 = (id: string) =>
      headings(pack.templates.get(id)!.body).filter((heading) => heading.startsWith('## '));
    expect(h2('spec')).toEqual([
      '## User Scenarios & Testing *(mandatory)*',
      '## Requirements *(mandatory)*',
      '## Success Criteria *(mandatory)*',
      '## Assumptions',
    ]);
    expect(h2('tasks')).toEqual([
      '## Format: `[ID] [P?] [Story] Description`',
      '## Phase 1: Setup (Shared Infrastructure)',
      '## Phase 2: Foundational (Blocking Prerequisites)',
      '## Phase {{add index 3}}: User Story {{story.number}} - {{story.title}}{{#if story.priority}} (Priority: {{story.priority}}){{/if}}{{#if (eq story.priority "P1")}} 🎯 MVP{{/if}}',
      '## Phase {{add (length spec.stories) 3}}: Polish & Cross-Cutting Concerns',
      '## Dependencies & Execution Order',
      '## Implementation Strategy',
      '## Notes',
    ]);
    expect(h2('checklist')).toEqual([
      '## Requirement Clarity',
      '## Measurability',
      '## Open Questions',
      '## Completeness & Consistency',
      '## Notes',
    ]);
    expect(pack.templates.get('spec')!.body).toMatch(/^# Feature Specification: /);
    expect(pack.templates.get('tasks')!.body).toMatch(/^# Tasks: /);
    expect(pack.templates.get('checklist')!.body).toMatch(/^# Requirements Quality Checklist: /);
  });

  it('writes task and checklist items in Spec Kit ID formats', async () => {
    const pack = await speckit();
    const items = (id: string, pattern: RegExp) =>
      pack.templates
        .get(id)!
        .body.split('\n')
        .filter((line) => pattern.test(line));
    const taskLine =
      /^- \[ \] T(?:\d{3}|\{\{pad [^}]+\}\}) (?:\[P\] )?(?:\[\{\{story\.id\}\}\] )?[A-Z]/;
    expect(items('tasks', /^- \[ \] /).filter((line) => !taskLine.test(line))).toEqual([]);
    expect(items('tasks', /^- \[ \] T00\d /).map((line) => line.slice(6, 10))).toEqual([
      'T001',
      'T002',
      'T003',
      'T004',
      'T005',
      'T006',
    ]);
    const checklistLine = /^- \[ \] CHK\{\{pad [^}]+\}\} [A-Z]/;
    expect(items('checklist', /^- \[ \] /).filter((line) => !checklistLine.test(line))).toEqual([]);
    expect(items('checklist', /^- \[ \] /)).toHaveLength(9);
  });
});

describe('the built-in plan template', () => {
  it('has the H2 and H3 headings of the seed plan template', async () => {
    expect(headings((await plan()).body)).toEqual([
      '## Context',
      '## Technical Approach',
      '### Architecture',
      '### Technology Stack',
      '### Data Model',
      '## Implementation Steps',
      '### Phase 1: [Foundation]',
      '### Phase 2: [Core Implementation]',
      '### Phase 3: [Integration & Polish]',
      '## File Changes',
      '## Testing Strategy',
      '## Risk Assessment',
      '## Rollback Plan',
      '## Dependencies',
      '## Deployment',
    ]);
  });

  it('fences the spec with the fence helper and writes the literal {{SPECIFICATION}} escaped', async () => {
    const { body } = await plan();
    expect(body.match(/\{\{[^}]*\}\}/g)).toEqual(['{{fence SPECIFICATION}}', '{{SPECIFICATION}}']);
    expect(body).toContain(
      '\nBased on this specification:\n\n{{fence SPECIFICATION}}\n\nCreate a detailed',
    );
    expect(body).toContain('Replace \\{{SPECIFICATION}} with the actual spec content');
  });

  it('equals the seed plan template once its two deliberate changes are undone', async (context) => {
    if (!existsSync(seedFile)) {
      context.skip(
        `the seed plan template is not at ${seedFile}; the heading test above still runs`,
      );
    }
    const seed = await readFile(seedFile, 'utf8');
    const { body } = await plan();
    const undone = body
      .replace('{{fence SPECIFICATION}}', '```\n{{SPECIFICATION}}\n```')
      .replace('\\{{SPECIFICATION}}', '{{SPECIFICATION}}');
    expect(undone).toBe(seed);
  });
});
