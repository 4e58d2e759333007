import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  attachProvenance,
  hashTemplate,
  type Provenance,
  readProvenance,
  sha256Hex,
  type TemplateSource,
  templateProvenanceId,
} from '@specforge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { findTemplate } from '../template-ref.js';
import { manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { findSpecs } from './find-specs.js';
import { openSpecWorkspace } from './open-spec-workspace.js';
import { planWorkspace } from './plan-workspace.js';
import { judgeGeneratedFile, readWorkspaceStatus } from './spec-status.js';

afterEach(removeTempTrees);

describe('judgeGeneratedFile', async () => {
  const template = findTemplate(await loadBuiltinPacks(), 'speckit/plan');
  const specSha256 = sha256Hex('# Spec\n');
  const specPath = 'specs/a/spec.md';
  const generated = (overrides: Partial<Omit<Provenance, 'outputSha256'>> = {}) =>
    attachProvenance('# Plan\n', {
      template: templateProvenanceId(template),
      templateSha256: hashTemplate(template),
      spec: specPath,
      specSha256,
      ...overrides,
    });
  const changedTemplate = { ...template, body: `${template.body}\nMore.\n` };
  const newerTemplate = { ...template, pack: { ...template.pack, version: '1.1.0' } };
  const otherSpec = sha256Hex('# Spec v2\n');

  interface Case {
    name: string;
    text: string | undefined;
    current?: TemplateSource | undefined;
    sha?: string;
    state: string;
    stale?: string;
  }

  it.each<Case>([
    { name: 'no file', text: undefined, state: 'missing' },
    { name: 'a file without provenance', text: '# My plan\n', state: 'unmanaged' },
    { name: 'a file made from the same spec and template', text: generated(), state: 'up-to-date' },
    {
      name: 'a file whose spec changed',
      text: generated(),
      sha: otherSpec,
      state: 'stale',
      stale: 'spec',
    },
    {
      name: 'a file made from a spec elsewhere',
      text: generated({ spec: 'specs/old/spec.md' }),
      state: 'stale',
      stale: 'spec',
    },
    {
      name: 'a file whose template changed',
      text: generated(),
      current: changedTemplate,
      state: 'stale',
      stale: 'template',
    },
    {
      name: 'a file made with an older pack version',
      text: generated(),
      current: newerTemplate,
      state: 'stale',
      stale: 'template',
    },
    {
      name: 'a file whose spec and template changed',
      text: generated(),
      current: changedTemplate,
      sha: otherSpec,
      state: 'stale',
      stale: 'both',
    },
    {
      name: 'a file edited by hand',
      text: generated().replace('# Plan', '# Our plan'),
      state: 'edited',
    },
    {
      name: 'an edited file whose spec changed',
      text: generated().replace('# Plan', '# Ours'),
      sha: otherSpec,
      state: 'edited',
      stale: 'spec',
    },
    {
      name: 'a file whose template the packs lack',
      text: generated(),
      current: undefined,
      state: 'template-unknown',
    },
    {
      name: 'a file whose template is gone and spec changed',
      text: generated(),
      current: undefined,
      sha: otherSpec,
      state: 'template-unknown',
      stale: 'spec',
    },
  ])('judges $name as $state', ({ text, sha, state, stale, ...rest }) => {
    const current = 'current' in rest ? rest.current : template;
    const read = text === undefined ? undefined : readProvenance(text);
    expect(
      judgeGeneratedFile(read, { specSha256: sha ?? specSha256, specPath, template: current }),
    ).toEqual({
      state,
      stale,
      template: state === 'missing' || state === 'unmanaged' ? undefined : 'speckit@1.0.0#plan',
    });
  });
});

const spec = (title: string) =>
  `# Feature Specification: ${title}\n\n- **FR-001**: System MUST ${title}.\n`;

/** A project planning with its team's overlay of speckit/plan. */
const tree = {
  '.git/HEAD': 'ref',
  'specforge.config.yaml': 'packs:\n  - ./packs/team\nplan:\n  template: team/plan\n',
  'packs/team/package.json': manifest({
    name: '@acme/team-templates',
    version: '1.0.0',
    specforge: {
      name: 'team',
      extends: '@specforge/templates-speckit@^1.0.0',
      templates: { plan: 'plan.md' },
    },
  }),
  'packs/team/plan.md':
    '---\nextends: speckit/plan\n---\n<!-- specforge: insert after testing-strategy -->\n## Security Review\n\n- Threat model.\n',
  'specs/001-a/spec.md': spec('a'),
  'specs/002-b/spec.md': spec('b'),
  'specs/003-c/spec.md': spec('c'),
  'specs/004-d/spec.md': spec('d'),
};

async function openWorkspace(root: string) {
  const specs = await findSpecs({ cwd: root });
  return openSpecWorkspace({ specs, cwd: root, cacheDir: join(root, '.cache') });
}

async function statuses(root: string) {
  const rows: string[] = [];
  for await (const status of readWorkspaceStatus(await openWorkspace(root))) {
    const cell = (file: { file: string; state: string; stale: string | undefined }) =>
      `${relative(root, file.file)} ${file.state}${file.stale ? ` (${file.stale})` : ''}`;
    rows.push(`${relative(root, status.spec)}: ${cell(status.plan)}, ${cell(status.tasks)}`);
  }
  return rows;
}

describe('readWorkspaceStatus', () => {
  it('tells missing, up-to-date, stale, edited and unmanaged files apart', async () => {
    const root = await writeTempTree(tree);
    for await (const _ of planWorkspace(await openWorkspace(root), { write: true })) {
      // planned and written
    }
    await writeFile(join(root, 'specs/002-b/spec.md'), spec('b, better'));
    const planC = join(root, 'specs/003-c/plan.md');
    await writeFile(
      planC,
      (await readFile(planC, 'utf8')).replace('## Security Review', '## Security'),
    );
    await rm(join(root, 'specs/004-d/plan.md'));
    await writeFile(join(root, 'specs/004-d/tasks.md'), '# Tasks, by hand\n');
    expect(await statuses(root)).toEqual([
      'specs/001-a/spec.md: specs/001-a/plan.md up-to-date, specs/001-a/tasks.md missing',
      'specs/002-b/spec.md: specs/002-b/plan.md stale (spec), specs/002-b/tasks.md missing',
      'specs/003-c/spec.md: specs/003-c/plan.md edited, specs/003-c/tasks.md missing',
      'specs/004-d/spec.md: specs/004-d/plan.md missing, specs/004-d/tasks.md unmanaged',
    ]);
  });

  it('finds plans stale when the team changes its template, and unknown when the pack is gone', async () => {
    const root = await writeTempTree(tree);
    for await (const _ of planWorkspace(await openWorkspace(root), { write: true })) {
      // planned and written
    }
    await writeFile(join(root, 'specs/002-b/spec.md'), spec('b, better'));
    await writeFile(
      join(root, 'packs/team/plan.md'),
      `${tree['packs/team/plan.md']}- Data classification.\n`,
    );
    const [a, b] = await statuses(root);
    expect([a, b]).toEqual([
      'specs/001-a/spec.md: specs/001-a/plan.md stale (template), specs/001-a/tasks.md missing',
      'specs/002-b/spec.md: specs/002-b/plan.md stale (both), specs/002-b/tasks.md missing',
    ]);

    await writeFile(join(root, 'specforge.config.yaml'), 'plan:\n  template: speckit/plan\n');
    expect((await statuses(root))[0]).toBe(
      'specs/001-a/spec.md: specs/001-a/plan.md template-unknown, specs/001-a/tasks.md missing',
    );
  });
});
