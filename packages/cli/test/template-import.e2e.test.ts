import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: '/nonexistent-cache' };

// Spec Kit's real releases live beside the repository (see shared/corpus/README.md); without
// them the corpus cases skip and the inline fixtures still run.
const corpus = resolve(
  fileURLToPath(new URL('../../../', import.meta.url)),
  '../shared/corpus/spec-kit',
);
const corpusPresent = existsSync(corpus);
if (!corpusPresent)
  console.warn(`Skipping the Spec Kit corpus import e2e tests: ${corpus} does not exist.`);

const planTemplate =
  '# Implementation Plan: [FEATURE]\n\n**Input**: Feature specification from `/specs/[###-feature-name]/spec.md`\n\n## Summary\n\n[Extract from feature spec: {{primary requirement}}]\n';
const checkout = {
  'vendor/spec-kit/pyproject.toml': '[project]\nname = "specify-cli"\nversion = "2.1.0"\n',
  'vendor/spec-kit/templates/spec-template.md':
    '# Feature Specification: [FEATURE NAME]\n\n**Input**: User description: "$ARGUMENTS"\n',
  'vendor/spec-kit/templates/plan-template.md': planTemplate,
  'vendor/spec-kit/templates/tasks-template.md':
    '---\ndescription: "Task list template"\n---\n\n# Tasks: [FEATURE NAME]\n',
  'vendor/spec-kit/templates/commands/plan.md': '---\ndescription: Plan\n---\n$ARGUMENTS\n',
};
const preset = {
  'vendor/acme/preset.yml': [
    'schema_version: "1.0"',
    'preset:',
    '  id: "acme"',
    '  name: "Acme"',
    '  version: "1.2.0"',
    '  description: "Acme sections"',
    'requires:',
    '  speckit_version: ">=2.0.0"',
    'provides:',
    '  templates:',
    '    - type: "template"',
    '      name: "plan-template"',
    '      file: "plan-wrap.md"',
    '      strategy: "wrap"',
    '',
  ].join('\n'),
  'vendor/acme/plan-wrap.md': '> Acme review required.\n\n{CORE_TEMPLATE}\n\n## Acme Sign-off\n',
};
const spec =
  '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

describe('specforge template import speckit', () => {
  it('imports a checkout into packs/<name> and says what it did', async () => {
    const project = await makeProject(checkout);
    const result = runCli(['template', 'import', 'speckit', 'vendor/spec-kit'], {
      cwd: project.dir,
      env,
    });
    expect(result).toEqual({
      stdout:
        'imported Spec Kit v2.1.0 (checkout) as speckit@2.1.0 into packs/speckit: 3 templates\n',
      stderr:
        'warning SPECFORGE_IMPORT_SKIPPED: templates/commands/ (1 command prompt: plan) was not imported: they are the prompts of the /speckit.* agent commands, not document templates\n  at vendor/spec-kit/templates/commands\n',
      status: 0,
    });
    expect(await files(project.path('packs/speckit'))).toEqual([
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'plan.md',
      'spec.md',
      'tasks.md',
    ]);
    expect(await project.read('packs/speckit/plan.md')).toContain(
      '[Extract from feature spec: \\{{primary requirement}}]\n',
    );
  });

  it("gives a pack that takes the built-in speckit pack's place: the default plan is the Spec Kit text", async () => {
    const project = await makeProject({
      ...checkout,
      'specforge.config.yaml': 'name: Acme\npacks:\n  - ./packs/speckit\n',
      'specs/001-login/spec.md': spec,
    });
    expect(
      runCli(['template', 'import', 'speckit', 'vendor/spec-kit'], { cwd: project.dir, env })
        .status,
    ).toBe(0);
    const list = runCli(['template', 'list'], { cwd: project.dir, env });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('speckit@2.1.0  path:packs/speckit\n');
    const plan = runCli(['plan', 'specs/001-login/spec.md', '--stdout'], {
      cwd: project.dir,
      env,
    });
    expect([plan.stderr, plan.status]).toEqual(['', 0]);
    expect(plan.stdout.startsWith(planTemplate)).toBe(true);
  });

  it('lists the files and writes nothing with --dry-run', async () => {
    const project = await makeProject(checkout);
    const result = runCli(
      ['template', 'import', 'speckit', 'vendor/spec-kit', '--dry-run', '--out', 'packs/up'],
      { cwd: project.dir, env },
    );
    expect(result.stdout).toBe(
      [
        'would import Spec Kit v2.1.0 (checkout) as speckit@2.1.0 into packs/up: 3 templates',
        '  create    packs/up/CHANGELOG.md',
        '  create    packs/up/README.md',
        '  create    packs/up/package.json',
        '  create    packs/up/plan.md',
        '  create    packs/up/spec.md',
        '  create    packs/up/tasks.md',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    expect(existsSync(project.path('packs'))).toBe(false);
  });

  it('prints a stable JSON shape with --json', async () => {
    const project = await makeProject(checkout);
    const result = runCli(
      [
        'template',
        'import',
        'speckit',
        'vendor/spec-kit',
        '--json',
        '--name',
        'upstream',
        '--version',
        'v2.1.1',
      ],
      { cwd: project.dir, env },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'upstream',
      version: '2.1.1',
      dir: 'packs/upstream',
      detected: 'checkout',
      speckitVersion: '2.1.1',
      files: ['CHANGELOG.md', 'README.md', 'package.json', 'plan.md', 'spec.md', 'tasks.md'].map(
        (path) => ({ path, status: 'create' }),
      ),
      warnings: [
        {
          code: 'SPECFORGE_IMPORT_SKIPPED',
          message:
            'templates/commands/ (1 command prompt: plan) was not imported: they are the prompts of the /speckit.* agent commands, not document templates',
          location: { file: 'vendor/spec-kit/templates/commands' },
        },
      ],
      written: true,
    });
    expect(JSON.parse(await project.read('packs/upstream/package.json')).version).toBe('2.1.1');
  });

  it('refuses to overwrite existing files without --force, and overwrites them with it', async () => {
    const project = await makeProject({ ...checkout, 'packs/speckit/plan.md': 'my plan\n' });
    const refused = runCli(['template', 'import', 'speckit', 'vendor/spec-kit'], {
      cwd: project.dir,
      env,
    });
    expect([refused.status, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toContain(
      'error SPECFORGE_IMPORT_FILES_EXIST: packs/speckit already holds plan.md; nothing was written.\n  at packs/speckit\n  hint: Pass --force to overwrite them',
    );
    expect(await files(project.path('packs/speckit'))).toEqual(['plan.md']);
    const dryRun = runCli(['template', 'import', 'speckit', 'vendor/spec-kit', '--dry-run'], {
      cwd: project.dir,
      env,
    });
    expect(dryRun.status).toBe(1);
    const forced = runCli(
      ['template', 'import', 'speckit', 'vendor/spec-kit', '--force', '--dry-run'],
      { cwd: project.dir, env },
    );
    expect(forced.stdout).toContain('  overwrite packs/speckit/plan.md\n');
    expect(await project.read('packs/speckit/plan.md')).toBe('my plan\n');
    expect(
      runCli(['template', 'import', 'speckit', 'vendor/spec-kit', '--force'], {
        cwd: project.dir,
        env,
      }).status,
    ).toBe(0);
    expect(await project.read('packs/speckit/plan.md')).toContain(
      '# Implementation Plan: [FEATURE]',
    );
  });

  it('imports a preset as overlays that compose over the imported checkout', async () => {
    const project = await makeProject({
      ...checkout,
      ...preset,
      'specforge.config.yaml': 'name: Acme\npacks:\n  - ./packs/speckit\n  - ./packs/acme\n',
      'specs/001-login/spec.md': spec,
    });
    expect(
      runCli(['template', 'import', 'speckit', 'vendor/spec-kit'], { cwd: project.dir, env })
        .status,
    ).toBe(0);
    const result = runCli(['template', 'import', 'speckit', 'vendor/acme'], {
      cwd: project.dir,
      env,
    });
    expect(result).toEqual({
      stdout: 'imported Spec Kit (preset) as acme@1.2.0 into packs/acme: 1 template\n',
      stderr: '',
      status: 0,
    });
    const plan = runCli(['plan', 'specs/001-login/spec.md', '-t', 'acme/plan', '--stdout'], {
      cwd: project.dir,
      env,
    });
    expect([plan.stderr, plan.status]).toEqual(['', 0]);
    expect(
      plan.stdout.startsWith(`> Acme review required.\n\n${planTemplate}\n\n## Acme Sign-off\n`),
    ).toBe(true);
  });

  it.each([
    [['template', 'import', 'speckit', 'nowhere'], 'SPECFORGE_IMPORT_NOTHING', 2],
    [
      ['template', 'import', 'speckit', 'vendor/spec-kit', '--version', 'latest'],
      'SPECFORGE_IMPORT_VERSION_INVALID',
      2,
    ],
    [
      ['template', 'import', 'speckit', 'vendor/spec-kit', '--name', 'Spec Kit'],
      'SPECFORGE_IMPORT_NAME_INVALID',
      2,
    ],
    [
      [
        'template',
        'import',
        'speckit',
        'vendor/spec-kit',
        '--out',
        'vendor/spec-kit/pyproject.toml',
      ],
      'SPECFORGE_IMPORT_OUT_NOT_DIRECTORY',
      2,
    ],
  ])('reports %j as %s (exit %d), also as JSON', async (args, code, status) => {
    const project = await makeProject(checkout);
    const result = runCli([...args, '--json'], { cwd: project.dir, env });
    expect(result.status).toBe(status);
    expect(JSON.parse(result.stdout).error.code).toBe(code);
    expect(result.stderr).toContain(`error ${code}: `);
    expect(existsSync(project.path('packs'))).toBe(false);
  });
});

describe.skipIf(!corpusPresent)(
  'specforge template import speckit on the Spec Kit releases',
  () => {
    const releases = corpusPresent
      ? readdirSync(corpus)
          .filter((name) => /^v\d/.test(name))
          .sort()
      : [];

    it.each(releases)(
      'imports %s and renders its plan template back to the Spec Kit file',
      async (release) => {
        const project = await makeProject({
          'specforge.config.yaml': 'name: Acme\npacks:\n  - ./packs/speckit\n',
          'specs/001-login/spec.md': spec,
        });
        const version = release.slice(1);
        const args = [
          'template',
          'import',
          'speckit',
          join(corpus, release),
          ...(release === 'v0.0.30' ? ['--version', version] : []),
        ];
        const result = runCli(args, { cwd: project.dir, env });
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(
          new RegExp(
            `^imported Spec Kit v${version.replace(/\./g, '\\.')} \\(checkout\\) as speckit@${version.replace(/\./g, '\\.')} into packs/speckit: \\d templates\\n$`,
          ),
        );
        const plan = runCli(['plan', 'specs/001-login/spec.md', '--stdout'], {
          cwd: project.dir,
          env,
        });
        expect(plan.status).toBe(0);
        expect(
          plan.stdout.startsWith(
            readFileSync(join(corpus, release, 'templates', 'plan-template.md'), 'utf8'),
          ),
        ).toBe(true);
      },
    );
  },
);
