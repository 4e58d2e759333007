import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { gitEnv } from './git-repo.js';
import { runCli } from './run-cli.js';
import { makeProject, type TempProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01
const spec =
  '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

/** A git repository holding the spec and the plan generated from it, committed as generated. */
async function generatedAndCommitted(
  template = 'speckit/plan',
): Promise<{ project: TempProject; git: (...args: string[]) => void }> {
  const project = await makeProject({ 'spec.md': spec });
  await rm(project.path('.git'), { recursive: true });
  const git = (...args: string[]) => {
    execFileSync('git', args, { cwd: project.dir, env: gitEnv(project.dir), stdio: 'pipe' });
  };
  git('init', '--quiet', '--initial-branch=main');
  expect(runCli(['plan', 'spec.md', '-t', template], { cwd: project.dir, env }).status).toBe(0);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Plan as generated');
  return { project, git };
}

describe('specforge plan --rebase', () => {
  it('keeps the hand edits and takes the spec change, then a plain plan still refuses the edited file', async () => {
    const { project } = await generatedAndCommitted();
    const plan = await project.read('plan.md');
    await project.write(
      'plan.md',
      plan.replace('1. Step to revert\n', '1. Restore the nightly database snapshot\n'),
    );
    await project.write('spec.md', `${spec}- **FR-002**: System MUST log users out.\n`);

    const result = runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe('rebased plan.md onto speckit/plan: your edits are kept\n');
    const rebased = await project.read('plan.md');
    expect(rebased).toContain('1. Restore the nightly database snapshot\n');
    expect(rebased).toContain('- **FR-002**: System MUST log users out.\n');
    expect(rebased).not.toContain('<<<<<<<');

    // The plan records the new inputs but is still an edited plan: plain `plan` leaves it alone.
    expect(runCli(['plan', 'spec.md'], { cwd: project.dir, env }).status).toBe(1);
    expect(runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env }).stdout).toBe(
      'up to date: plan.md (it records the current spec and template)\n',
    );
    expect(await project.read('plan.md')).toBe(rebased);
  });

  it('marks a conflict and exits 3 when an edit and the new render change the same line', async () => {
    const { project } = await generatedAndCommitted('speckit/plan-draft');
    const plan = await project.read('plan.md');
    const rebase = (...flags: string[]) =>
      runCli(['plan', 'spec.md', '-t', 'speckit/plan-draft', '--rebase', ...flags], {
        cwd: project.dir,
        env,
      });
    await project.write('plan.md', plan.replace('(Draft): Login\n', '(Draft): Login, with SSO\n'));
    await project.write(
      'spec.md',
      spec.replace('# Feature Specification: Login', '# Feature Specification: Sign-in'),
    );

    const dryRun = rebase('--dry-run');
    expect(dryRun.status).toBe(3);
    expect(dryRun.stdout).toMatch(
      /^would rebase plan\.md onto speckit\/plan-draft with 1 conflict:\n {2}plan\.md:\d+ content in the text before the first heading\n/,
    );
    expect(await project.read('plan.md')).toContain('Login, with SSO');

    const result = rebase();
    expect(result.status).toBe(3);
    expect(await project.read('plan.md')).toContain(
      '<<<<<<< edited\n# Implementation Plan (Draft): Login, with SSO\n||||||| generated\n# Implementation Plan (Draft): Login\n=======\n# Implementation Plan (Draft): Sign-in\n>>>>>>> regenerated\n',
    );
    // Until the markers are resolved, another rebase refuses to merge again.
    expect(rebase()).toMatchObject({
      status: 3,
      stderr: expect.stringContaining('SPECFORGE_MERGE_UNRESOLVED_CONFLICT'),
    });
  });

  it('refuses to rebase again while a conflict inside the quoted spec is unresolved', async () => {
    const { project } = await generatedAndCommitted();
    const plan = await project.read('plan.md');
    // Both sides change the spec's requirement line, which the plan quotes in a fenced block.
    await project.write('plan.md', plan.replace('log users in.', 'log users in with SSO.'));
    await project.write('spec.md', spec.replace('log users in.', 'log users in with a password.'));
    expect(runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env }).status).toBe(3);
    expect(await project.read('plan.md')).toContain('<<<<<<< edited\n');
    expect(runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env })).toMatchObject({
      status: 3,
      stderr: expect.stringContaining('SPECFORGE_MERGE_UNRESOLVED_CONFLICT'),
    });
  });

  it('refuses bad combinations and plans it cannot rebase, writing nothing', async () => {
    const project = await makeProject({
      'spec.md': spec,
      'plan.md': '# My own plan\n',
      'b/spec.md': spec,
    });
    const force = runCli(['plan', 'spec.md', '--rebase', '--force'], { cwd: project.dir, env });
    expect(force).toMatchObject({ status: 2, stderr: expect.stringContaining('SPECFORGE_USAGE') });
    const many = runCli(['plan', '.', '--rebase'], { cwd: project.dir, env });
    expect(many).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--rebase takes one spec'),
    });
    const foreign = runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env });
    expect(foreign).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('SPECFORGE_REBASE_NOT_GENERATED'),
    });
    expect(await project.read('plan.md')).toBe('# My own plan\n');
  });

  it('says where the generated text could not be found when the plan was never committed as generated', async () => {
    const project = await makeProject({ 'spec.md': spec });
    expect(runCli(['plan', 'spec.md'], { cwd: project.dir, env }).status).toBe(0);
    const plan = await project.read('plan.md');
    await project.write('plan.md', plan.replace('1. Step to revert\n', '1. Roll back\n'));
    await project.write('spec.md', `${spec}- **FR-002**: Log out.\n`);
    const result = runCli(['plan', 'spec.md', '--rebase'], { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SPECFORGE_REBASE_BASE_UNKNOWN');
    expect(await project.read('plan.md')).toContain('1. Roll back\n');
  });
});
