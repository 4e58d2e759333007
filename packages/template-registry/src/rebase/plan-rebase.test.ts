import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPlanChange, planSpec, readProvenance } from '@specforge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import { createGitFileHistory } from './file-history.js';
import {
  applyRebase,
  diffRebaseChange,
  type PlanRebaseOptions,
  planRebase,
} from './plan-rebase.js';
import { createGitSandbox, type GitSandbox } from './test-utils/git-sandbox.js';
import { PLAN_BODY, planTemplate, SPEC_V1, SPEC_V2 } from './test-utils/plan-fixtures.js';

let sandbox: GitSandbox;
let repo: string;
let plan: string;
let spec: string;

beforeEach(async () => {
  sandbox = await createGitSandbox();
  repo = join(sandbox.dir, 'shop');
  await mkdir(join(repo, 'specs', '042'), { recursive: true });
  await writeFile(join(repo, 'specforge.config.yaml'), 'name: shop\n');
  spec = join(repo, 'specs', '042', 'spec.md');
  plan = join(repo, 'specs', '042', 'plan.md');
  await writeFile(spec, SPEC_V1);
});

afterEach(async () => {
  await sandbox.remove();
});

const template = planTemplate();
const now = new Date('2025-03-01T09:00:00Z');

function options(extra: Partial<PlanRebaseOptions> = {}): PlanRebaseOptions {
  // GIT_CEILING_DIRECTORIES: a test without `git init` must not find a repository above the temp folder.
  const env = { ...sandbox.env, GIT_CEILING_DIRECTORIES: sandbox.dir };
  return {
    spec: 'specs/042/spec.md',
    template,
    cwd: repo,
    now,
    history: createGitFileHistory({ env }),
    ...extra,
  };
}

/** Generates the plan as `specforge plan` does, and commits spec and plan. */
async function generateAndCommit(): Promise<string> {
  await sandbox.git(['init', '--quiet', repo]);
  await applyPlanChange(await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now }));
  await sandbox.git(['add', '-A'], repo);
  await sandbox.git(['commit', '--quiet', '-m', 'Generate the plan'], repo);
  return readFile(plan, 'utf8');
}

async function editPlan(edit: (text: string) => string): Promise<void> {
  await writeFile(plan, edit(await readFile(plan, 'utf8')));
}

describe('planRebase', () => {
  it('keeps the hand edits and brings in the spec change when the generated plan was committed', async () => {
    await generateAndCommit();
    await editPlan((text) =>
      text.replace('Summarize the feature.', 'Card checkout for the web shop.'),
    );
    await sandbox.git(['commit', '--quiet', '-am', 'Fill in the summary'], repo);
    await writeFile(spec, SPEC_V2);

    const change = await planRebase(options());
    expect(change).toMatchObject({ status: 'rebased', conflicts: [], base: { kind: 'history' } });
    expect(await applyRebase(change)).toBe(true);
    const written = await readFile(plan, 'utf8');
    const read = readProvenance(written);
    expect(read.content).toContain('Card checkout for the web shop.');
    expect(read.content).toContain('get a receipt by email.');
    expect(read.content).toContain('FR-003');
    // Edited, of the current inputs: a plain run refuses to overwrite it, and sees nothing stale.
    expect(read.pristine).toBe(false);
    const plain = await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now });
    expect(plain.status).toBe('edited');
    expect(read.provenance).toEqual({ ...readProvenance(plain.text).provenance });
    // Running the rebase again finds nothing to do.
    const again = await planRebase(options());
    expect(again.status).toBe('up-to-date');
    expect(await applyRebase(again)).toBe(false);
  });

  it('rebases a rebased plan again, re-rendering its base from the spec committed with it', async () => {
    await generateAndCommit();
    await editPlan((text) => text.replace('None known yet.', 'Payment provider outages.'));
    await writeFile(spec, SPEC_V2);
    await applyRebase(await planRebase(options()));
    await sandbox.git(['commit', '--quiet', '-am', 'Rebase the plan on the new spec'], repo);
    await writeFile(spec, SPEC_V2.replace('pay later.', 'pay later, in three parts.'));

    const change = await planRebase(options());
    // The spec as committed with the rebased plan: the staged version is read first.
    expect(change).toMatchObject({
      status: 'rebased',
      base: {
        kind: 'render',
        template: 'team@1.0.0#plan',
        specRevision: 'index',
      },
    });
    const { content } = readProvenance(change.text);
    expect(content).toContain('Payment provider outages.');
    expect(content).toContain('pay later, in three parts.');
    expect(content.match(/FR-003/g)).toHaveLength(1);
  });

  it('marks conflicting edits, exits as a conflict, and rebases again once they are resolved', async () => {
    await generateAndCommit();
    await editPlan((text) => text.replace('get a receipt.', 'get a printed receipt.'));
    await writeFile(spec, SPEC_V2);

    const change = await planRebase(options());
    expect(change.status).toBe('conflict');
    expect(change.conflicts).toEqual([
      expect.objectContaining({
        section: 'feature-specification-checkout/requirements',
        kind: 'content',
      }),
    ]);
    const lines = change.text.split('\n');
    expect(lines[change.conflicts[0]!.line - 1]).toBe('<<<<<<< edited');
    expect(lines.slice(change.conflicts[0]!.line - 1, change.conflicts[0]!.endLine)).toEqual([
      '<<<<<<< edited',
      '- **FR-002**: Shoppers get a printed receipt.',
      '||||||| generated',
      '- **FR-002**: Shoppers get a receipt.',
      '=======',
      '- **FR-002**: Shoppers get a receipt by email.',
      '- **FR-003**: Shoppers can pay later.',
      '>>>>>>> regenerated',
    ]);
    expect(diffRebaseChange(change, 'plan.md')).toContain('+<<<<<<< edited');
    await applyRebase(change);

    // Unresolved markers are refused, and nothing is written.
    expect(await failure(() => planRebase(options()), repo)).toMatchObject({
      code: 'SPECFORGE_MERGE_UNRESOLVED_CONFLICT',
      at: 'specs/042/plan.md:23',
    });
    // Resolved: the plan is an edited plan of the current inputs.
    await editPlan((text) =>
      text.replace(
        /<<<<<<< edited\n.*\n\|\|\|\|\|\|\| generated\n.*\n=======\n(.*\n.*\n)>>>>>>> regenerated\n/,
        '$1',
      ),
    );
    expect((await planRebase(options())).status).toBe('up-to-date');
  });

  it('re-renders the base from the recorded inputs when the plan is not in git', async () => {
    await applyPlanChange(await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now }));
    await editPlan((text) => text.replace('None known yet.', 'Payment provider outages.'));
    const upgraded = planTemplate(
      PLAN_BODY.replace('- Storage: to decide', '- Storage: to decide\n- Testing: to decide'),
      '1.1.0',
    );

    const change = await planRebase(options({ template: upgraded, templates: [template] }));
    expect(change.status).toBe('rebased');
    expect(change.base).toEqual({
      kind: 'render',
      template: 'team@1.0.0#plan',
      today: '2025-03-01',
      specRevision: undefined,
    });
    const { content, provenance } = readProvenance(change.text);
    expect(content).toContain('Payment provider outages.');
    expect(content).toContain('- Testing: to decide');
    expect(content).toContain('# Plan (team 1.1.0)');
    expect(provenance?.template).toBe('team@1.1.0#plan');
  });

  it('returns the new render for a plan nobody edited, and nothing to do when its inputs did not change', async () => {
    await applyPlanChange(await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now }));
    const before = await stat(plan);
    const same = await planRebase(options());
    expect(same.status).toBe('up-to-date');
    expect(await applyRebase(same)).toBe(false);
    expect((await stat(plan)).mtimeMs).toBe(before.mtimeMs);

    await writeFile(spec, SPEC_V2);
    const change = await planRebase(options());
    expect(change.status).toBe('pristine');
    expect(change.text).toBe(
      (await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now, force: true })).text,
    );
  });

  it('fails with the sources it tried when the generated text cannot be found', async () => {
    await applyPlanChange(await planSpec({ spec: 'specs/042/spec.md', template, cwd: repo, now }));
    await editPlan((text) => text.replace('None known yet.', 'Payment provider outages.'));
    await writeFile(spec, SPEC_V2);
    const error = await failure(() => planRebase(options()), repo);
    expect({
      ...error,
      message: error.message.replace(/[0-9a-f]{12}…/g, '<sha>…'),
    }).toMatchInlineSnapshot(`
      {
        "at": "specs/042/plan.md",
        "code": "SPECFORGE_REBASE_BASE_UNKNOWN",
        "hint": "Commit plans as generated before editing them (the rebase finds the generated text in the git history of the plan), or run specforge plan --force and re-apply your edits.",
        "message": "The generated text that specs/042/plan.md was edited from cannot be found, so its edits cannot be rebased; nothing was written. Tried: the history of specs/042/plan.md: not in a git repository; re-rendering the recorded inputs: the spec specs/042/spec.md no longer has the bytes the plan was generated from (spec-sha256 <sha>…), and its history cannot be read (not in a git repository).",
      }
    `);
  });

  it('refuses a plan that does not exist or was not generated', async () => {
    expect(await failure(() => planRebase(options()), repo)).toMatchObject({
      code: 'SPECFORGE_REBASE_NOT_GENERATED',
      message: 'specs/042/plan.md cannot be rebased: it does not exist; nothing was written.',
    });
    await writeFile(plan, '# My own plan\n');
    expect(await failure(() => planRebase(options()), repo)).toMatchObject({
      code: 'SPECFORGE_REBASE_NOT_GENERATED',
      message:
        'specs/042/plan.md cannot be rebased: it has no provenance block, so what it was generated from is unknown; nothing was written.',
    });
  });
});
