import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject, type TempProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', CI: '1' };
const spec = (title: string) =>
  `# Feature Specification: ${title}\n\n- **FR-001**: System MUST ${title}.\n`;
const overlay =
  '---\nextends: speckit/plan\n---\n<!-- specforge: insert after testing-strategy -->\n## Security Review\n\n- Threat model.\n';

/** Five specs planned through the team's overlay of speckit/plan (and one task list), then changed. */
async function plannedProject(): Promise<TempProject> {
  const project = await makeProject({
    'specforge.config.yaml': 'packs:\n  - ./packs/team\nplan:\n  template: team/plan\n',
    'packs/team/package.json': JSON.stringify({
      name: '@acme/team-templates',
      version: '1.0.0',
      specforge: {
        name: 'team',
        extends: '@specforge/templates-speckit@^1.0.0',
        templates: { plan: 'plan.md' },
      },
    }),
    'packs/team/plan.md': overlay,
    'specs/001-login/spec.md': spec('log in'),
    'specs/002-search/spec.md': spec('search'),
    'specs/003-cart/spec.md': spec('fill a cart'),
    'specs/004-pay/spec.md': spec('take payments'),
    'specs/005-ship/spec.md': spec('ship orders'),
  });
  expect(runCli(['plan'], { cwd: project.dir, env }).status).toBe(0);
  expect(
    runCli(['plan', 'specs/005-ship/spec.md', '--template', 'speckit/tasks'], {
      cwd: project.dir,
      env,
    }).status,
  ).toBe(0);
  await project.write('specs/002-search/spec.md', spec('search, fuzzily'));
  const cart = await project.read('specs/003-cart/plan.md');
  await project.write(
    'specs/003-cart/plan.md',
    cart.replace('## Security Review', '## Security Review (done)'),
  );
  await rm(project.path('specs/004-pay/plan.md'));
  await project.write('specs/004-pay/tasks.md', '# Tasks, by hand\n');
  return project;
}

describe('specforge status', () => {
  it('tells missing, up-to-date, stale, edited and unmanaged plans and task lists apart', async () => {
    const project = await plannedProject();
    expect(runCli(['status'], { cwd: project.dir, env })).toEqual({
      stdout:
        'spec                      plan                  tasks\n' +
        'specs/001-login/spec.md   up to date            missing\n' +
        'specs/002-search/spec.md  stale (spec changed)  missing\n' +
        'specs/003-cart/spec.md    edited                missing\n' +
        'specs/004-pay/spec.md     missing               unmanaged\n' +
        'specs/005-ship/spec.md    up to date            up to date\n',
      stderr: '',
      status: 0,
    });
  });

  it('finds plans stale when the team changes its template', async () => {
    const project = await plannedProject();
    await project.write('packs/team/plan.md', `${overlay}- Data classification.\n`);
    expect(runCli(['status', 'specs/00[1-3]-*'], { cwd: project.dir, env }).stdout).toBe(
      'spec                      plan                               tasks\n' +
        'specs/001-login/spec.md   stale (template changed)           missing\n' +
        'specs/002-search/spec.md  stale (spec and template changed)  missing\n' +
        'specs/003-cart/spec.md    edited, stale (template changed)   missing\n',
    );
  });

  it('prints { specs } with --json', async () => {
    const project = await plannedProject();
    const result = runCli(['status', 'specs/002-search', 'specs/004-pay/spec.md', '--json'], {
      cwd: project.dir,
      env,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      specs: [
        {
          spec: 'specs/002-search/spec.md',
          plan: {
            file: 'specs/002-search/plan.md',
            state: 'stale',
            stale: 'spec',
            template: 'team@1.0.0#plan',
          },
          tasks: {
            file: 'specs/002-search/tasks.md',
            state: 'missing',
            stale: null,
            template: null,
          },
        },
        {
          spec: 'specs/004-pay/spec.md',
          plan: { file: 'specs/004-pay/plan.md', state: 'missing', stale: null, template: null },
          tasks: {
            file: 'specs/004-pay/tasks.md',
            state: 'unmanaged',
            stale: null,
            template: null,
          },
        },
      ],
    });
  });

  it('says template unknown when the pack that made a plan is gone', async () => {
    const project = await plannedProject();
    await project.write('specforge.config.yaml', 'plan:\n  template: speckit/plan\n');
    expect(runCli(['status', 'specs/001-login'], { cwd: project.dir, env }).stdout).toBe(
      'spec                     plan              tasks\n' +
        'specs/001-login/spec.md  template unknown  missing\n',
    );
  });

  it('exits 2 when a path names no spec', async () => {
    const project = await makeProject({ 'specs/001-login/spec.md': spec('log in') });
    const result = runCli(['status', 'specs/9*'], { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error SPECFORGE_SPECS_NOT_FOUND: No spec matches specs\/9\*; nothing was done\.\n {2}at specs\/9\*\n/,
    );
  });
});
