import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: '/nonexistent-cache' };
const spec =
  '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

describe('specforge template fork', () => {
  it('creates an overlay fork, adds it to the config, and plans through it', async () => {
    const project = await makeProject({
      'specforge.config.yaml': '# team settings\nname: Acme\n',
      'spec.md': spec,
    });
    const fork = runCli(['template', 'fork', 'speckit/plan', '--as', 'acme'], {
      cwd: project.dir,
      env,
    });
    expect(fork.status).toBe(0);
    expect(fork.stdout).toBe(
      'created acme@0.1.0 in packs/acme, an overlay fork of speckit/plan; added ./packs/acme to specforge.config.yaml\n',
    );
    expect(await project.read('specforge.config.yaml')).toBe(
      '# team settings\nname: Acme\npacks:\n  - ./packs/acme\n',
    );
    expect(JSON.parse(await project.read('packs/acme/package.json'))).toEqual({
      name: 'acme-templates',
      version: '0.1.0',
      private: true,
      description: "acme's fork of the speckit templates.",
      specforge: {
        name: 'acme',
        extends: '@specforge/templates-speckit@^1.0.0',
        templates: { plan: 'plan.md' },
      },
    });
    expect(await project.read('packs/acme/plan.md')).toBe('---\nextends: speckit/plan\n---\n');
    expect(await project.read('specforge.lock')).toContain(
      '  acme:\n    source: path:packs/acme\n',
    );

    // An empty overlay renders exactly what its base renders.
    const viaFork = runCli(['plan', 'spec.md', '--template', 'acme/plan', '--stdout'], {
      cwd: project.dir,
      env,
    });
    const viaBase = runCli(['plan', 'spec.md', '--template', 'speckit/plan', '--stdout'], {
      cwd: project.dir,
      env,
    });
    const body = (text: string) => text.slice(0, text.indexOf('<!-- specforge:provenance'));
    expect(body(viaFork.stdout)).toBe(body(viaBase.stdout));

    // Editing the overlay changes the plan, and diff reports the section and who changed it.
    await project.write(
      'packs/acme/plan.md',
      '---\nextends: speckit/plan\n---\n<!-- specforge: replace technical-approach/technology-stack -->\n### Technology Stack\n\n- Languages: Go\n',
    );
    const diff = runCli(['template', 'diff', 'acme/plan', '--json'], { cwd: project.dir, env });
    expect(diff.status).toBe(0);
    const json = JSON.parse(diff.stdout);
    expect(json.upstream).toBe('speckit@1.0.0#plan');
    expect(json.sections.filter((s: { status: string }) => s.status !== 'unchanged')).toEqual([
      { path: 'technical-approach/technology-stack', status: 'modified', by: 'acme' },
    ]);
    expect(json.patch).toContain('+- Languages: Go\n');
  });

  it('makes a copy fork that records its upstream and keeps the copied text', async () => {
    const project = await makeProject();
    const result = runCli(['template', 'fork', 'speckit', '--as', 'org', '--copy', '--json'], {
      cwd: project.dir,
      env,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: 'org',
      copy: true,
      extends: null,
      templates: ['spec', 'plan', 'tasks', 'checklist', 'plan-draft', 'tasks-draft'],
    });
    const manifest = JSON.parse(await project.read('packs/org/package.json'));
    expect(manifest.specforge.copiedFrom).toMatchObject({
      pack: 'speckit',
      source: 'npm:@specforge/templates-speckit@1.0.0',
      version: '1.0.0',
    });
    expect(Object.keys(manifest.specforge.copiedFrom.templates)).toEqual([
      'spec',
      'plan',
      'tasks',
      'checklist',
      'plan-draft',
      'tasks-draft',
    ]);
    expect(await project.read('packs/org/plan.md')).toBe(
      await project.read('packs/org/.upstream/plan.md'),
    );
    const diff = runCli(['template', 'diff', 'org/plan', '--json'], { cwd: project.dir, env });
    expect(
      JSON.parse(diff.stdout).sections.every((s: { status: string }) => s.status === 'unchanged'),
    ).toBe(true);
  });

  it('makes a publishable package with --as @scope/name that another project uses by name and range', async () => {
    const team = await makeProject({ 'spec.md': spec });
    const fork = runCli(['template', 'fork', 'speckit/plan', '--as', '@acme/templates'], {
      cwd: team.dir,
      env,
    });
    expect(fork.stderr).toBe(
      'wrote specforge.lock:\n  acme: added (path:packs/acme)\n  speckit: added (npm:@specforge/templates-speckit@1.0.0)\n',
    );
    expect(fork.stdout).toBe(
      'created the package @acme/templates@0.1.0 (pack acme) in packs/acme, an overlay fork of speckit/plan; added ./packs/acme to specforge.config.yaml\n' +
        'No changeset written: the folder is in no changesets workspace (no .changeset/config.json above it).\n',
    );
    expect(fork.status).toBe(0);
    const manifest = JSON.parse(await team.read('packs/acme/package.json'));
    expect(manifest).toMatchObject({
      name: '@acme/templates',
      version: '0.1.0',
      license: 'UNLICENSED',
      files: ['**/*.md'],
      specforge: { name: 'acme', extends: '@specforge/templates-speckit@^1.0.0' },
    });
    expect(manifest.private).toBeUndefined();
    expect(await team.read('packs/acme/CHANGELOG.md')).toBe(
      '# @acme/templates\n\n## 0.1.0\n\n- Forked from speckit@1.0.0.\n',
    );
    expect(await team.read('packs/acme/README.md')).toContain('  - npm:@acme/templates@^0.1.0\n');
    await team.write(
      'packs/acme/plan.md',
      '---\nextends: speckit/plan\n---\n<!-- specforge: insert after testing-strategy -->\n## Security Review\n\n- Threat model.\n',
    );

    // Another project installs the package (as npm would lay it out) and names it by range.
    const app = await makeProject({
      'specforge.config.yaml': 'packs:\n  - npm:@acme/templates@^0.1.0\nplan:\n  template: acme/plan\n',
      'spec.md': spec,
    });
    for (const name of ['package.json', 'plan.md', 'README.md', 'CHANGELOG.md']) {
      await app.write(`node_modules/@acme/templates/${name}`, await team.read(`packs/acme/${name}`));
    }
    const plan = runCli(['plan', 'spec.md'], { cwd: app.dir, env });
    expect(plan.stdout).toMatch(/^wrote plan\.md \(acme\/plan, \d+ bytes\)\n$/);
    expect(plan.status).toBe(0);
    const text = await app.read('plan.md');
    expect(text).toContain('## Security Review\n\n- Threat model.\n');
    expect(text).toContain('template: "acme@0.1.0#plan"');
    expect(await app.read('specforge.lock')).toContain(
      '  acme:\n    source: npm:@acme/templates@0.1.0\n    version: 0.1.0\n',
    );
  });

  it('writes a changeset for a package fork inside a changesets workspace', async () => {
    const project = await makeProject({
      '.changeset/config.json': '{}\n',
      'pnpm-workspace.yaml': 'packages:\n  - templates/*\n',
    });
    const result = runCli(
      ['template', 'fork', 'speckit/plan', '--as', '@acme/templates', '--dir', 'templates/acme', '--license', 'MIT', '--json'],
      { cwd: project.dir, env },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'acme',
      package: '@acme/templates',
      publishable: true,
      version: '0.0.0',
      dir: 'templates/acme',
      extends: '@specforge/templates-speckit@^1.0.0',
      copy: false,
      templates: ['plan'],
      files: ['package.json', 'plan.md', 'README.md', 'CHANGELOG.md'],
      config: 'specforge.config.yaml',
      changeset: '.changeset/new-pack-acme-templates.md',
      notes: [],
      written: true,
    });
    expect(await project.read('.changeset/new-pack-acme-templates.md')).toBe(
      '---\n"@acme/templates": minor\n---\n\n' +
        'Adds the `acme` template pack, an overlay fork of `speckit/plan` (speckit@1.0.0). ' +
        'Projects use it with `packs: [npm:@acme/templates@^0.1.0]` in specforge.config.yaml.\n',
    );
    expect(JSON.parse(await project.read('templates/acme/package.json'))).toMatchObject({
      version: '0.0.0',
      license: 'MIT',
    });
    expect(await project.read('templates/acme/CHANGELOG.md')).toBe('# @acme/templates\n');
  });

  it('writes nothing with --dry-run', async () => {
    const project = await makeProject();
    const result = runCli(['template', 'fork', 'speckit/plan', '--as', 'acme', '--dry-run'], {
      cwd: project.dir,
      env,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'would create packs/acme: package.json, plan.md, README.md, CHANGELOG.md\nwould add ./packs/acme to specforge.config.yaml\n',
    );
    expect(await readdir(project.dir)).toEqual(['.git']);
  });

  it('refuses a fork into a folder that holds its files, writing nothing', async () => {
    const project = await makeProject({ 'packs/acme/plan.md': 'mine\n' });
    const result = runCli(['template', 'fork', 'speckit/plan', '--as', 'acme'], {
      cwd: project.dir,
      env,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error SPECFORGE_FILE_EXISTS: plan\.md exists already; nothing was written\./,
    );
    expect(await project.read('packs/acme/plan.md')).toBe('mine\n');
    expect(await readdir(project.dir)).toEqual(['.git', 'packs']);
  });

  it.each([
    [['template', 'fork', 'speckit/plan', '--as', 'Bad Name'], 'SPECFORGE_USAGE'],
    [['template', 'fork', 'speckit/plan', '--as', '../evil'], 'SPECFORGE_USAGE'],
    [['template', 'fork', 'speckit/plan', '--as', '/tmp/evil'], 'SPECFORGE_USAGE'],
    [['template', 'fork', 'speckit/plan', '--as', '@acme/../evil'], 'SPECFORGE_USAGE'],
    [['init', '--pack', '../../evil'], 'SPECFORGE_USAGE'],
    [['init', '--pack', '@acme/templates'], 'SPECFORGE_USAGE'],
    [['template', 'fork', 'speckit/plan', '--as', 'speckit'], 'SPECFORGE_USAGE'],
    [['template', 'fork', 'nope', '--as', 'acme'], 'SPECFORGE_PACK_NOT_FOUND'],
    [['template', 'fork', 'speckit/nope', '--as', 'acme'], 'SPECFORGE_TEMPLATE_NOT_FOUND'],
  ])('exits 2 for %j with %s', async (args, code) => {
    const project = await makeProject();
    const result = runCli(args, { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error ${code}: `));
    expect(await readdir(project.dir)).toEqual(['.git']);
  });
});

describe('specforge template validate', () => {
  it('compiles every template and exits 1 naming the one that fails', async () => {
    const project = await makeProject({
      'specforge.config.yaml': 'packs:\n  - ./packs/acme\n',
      'packs/acme/package.json': JSON.stringify({
        name: 'acme-templates',
        version: '1.0.0',
        specforge: {
          name: 'acme',
          extends: '@specforge/templates-speckit@^1.0.0',
          templates: { plan: 'plan.md' },
        },
      }),
      'packs/acme/plan.md':
        '---\nextends: speckit/plan\n---\n<!-- specforge: append context -->\n{{#if spec.title}}\n',
    });
    const result = runCli(['template', 'validate', 'acme', '--json'], { cwd: project.dir, env });
    expect(result.status).toBe(1);
    const { templates, failed } = JSON.parse(result.stdout);
    expect(failed).toBe(1);
    expect(templates.find((t: { ref: string }) => t.ref === 'acme/plan')).toMatchObject({
      ok: false,
      error: {
        code: 'SPECFORGE_TEMPLATE_SYNTAX',
        location: expect.stringMatching(/^acme\/plan \(composed\):\d+:\d+$/),
      },
    });
    expect(
      templates.filter((t: { ok: boolean }) => t.ok).map((t: { ref: string }) => t.ref),
    ).toEqual(['acme/spec', 'acme/tasks', 'acme/checklist', 'acme/plan-draft', 'acme/tasks-draft']);
  });

  it('exits 0 when every built-in template compiles', async () => {
    const project = await makeProject();
    const result = runCli(['template', 'validate'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout.endsWith('6 of 6 templates compile\n')).toBe(true);
  });

  it('forks plan-draft like any template: the overlay changes the draft and its check rules', async () => {
    const project = await makeProject({ 'spec.md': spec });
    expect(
      runCli(['template', 'fork', 'speckit/plan-draft', '--as', 'team'], { cwd: project.dir, env })
        .status,
    ).toBe(0);
    await project.write(
      'packs/team/plan-draft.md',
      [
        '---',
        'extends: speckit/plan-draft',
        'placeholders: ["[OWNER]"]',
        '---',
        '<!-- specforge: insert after summary -->',
        '## Ownership',
        '',
        'Owner: [OWNER], for {{spec.title}}.',
        '',
      ].join('\n'),
    );
    const plan = runCli(['plan', 'spec.md', '-t', 'team/plan-draft'], { cwd: project.dir, env });
    expect(plan.status).toBe(0);
    const text = await project.read('plan.md');
    expect(text).toContain('## Ownership\n\nOwner: [OWNER], for Login.\n');
    expect(text.indexOf('## Ownership')).toBeGreaterThan(text.indexOf('## Summary'));
    expect(text).toContain('template: "team@0.1.0#plan-draft"');
    // The fork's placeholder is a finding where the draft left it; the base's sections are still required.
    const check = runCli(['check', 'plan.md', '--json'], { cwd: project.dir, env });
    const findings = JSON.parse(check.stdout).findings as { code: string; message: string }[];
    expect(
      findings.filter((f) => f.code === 'SPECFORGE_CHECK_PLACEHOLDER_LEFT').map((f) => f.message),
    ).toEqual(['The placeholder "[OWNER]" of the template team/plan-draft is still here.']);
  });
});
