import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeReleaseRepo } from './git-repo.js';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: '/nonexistent-cache' };
const spec = '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

const packManifest = (extra: Record<string, unknown> = {}, version = '1.2.0') =>
  JSON.stringify({
    name: '@acme/templates',
    version,
    private: true,
    specforge: { name: 'acme', extends: '@specforge/templates-speckit@^1.0.0', templates: { plan: 'plan.md' }, ...extra },
  });

const overlay = [
  '---',
  'extends: speckit/plan',
  'description: Acme plan.',
  '---',
  '<!-- specforge: replace technical-approach/technology-stack -->',
  '### Technology Stack',
  '',
  '- Languages: TypeScript 5.9',
  '',
  '<!-- specforge: insert after testing-strategy -->',
  '## Security Review',
  '',
  '- Threat model for every new endpoint',
  '',
  '<!-- specforge: remove deployment -->',
  '',
].join('\n');

const teamProject = (files: Record<string, string> = {}) =>
  makeProject({
    'specforge.config.yaml': 'name: Acme\npacks:\n  - ./packs/acme\nplan:\n  template: acme/plan\n',
    'packs/acme/package.json': packManifest(),
    'packs/acme/plan.md': overlay,
    'specs/001-login/spec.md': spec,
    ...files,
  });

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
    }
  }
  return out;
}

describe('specforge plan through a team pack', () => {
  it('renders the composed fork, records pack@version and writes the lock', async () => {
    const project = await teamProject();
    const result = runCli(['plan', 'specs/001-login/spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'wrote specforge.lock:\n  acme: added (path:packs/acme)\n  speckit: added (npm:@specforge/templates-speckit@1.0.0)\n',
    );
    expect(result.stdout).toMatch(/^wrote specs\/001-login\/plan\.md \(acme\/plan, \d+ bytes\)\n$/);
    const plan = await project.read('specs/001-login/plan.md');
    expect(plan).toContain('### Technology Stack\n\n- Languages: TypeScript 5.9\n');
    expect(plan).toContain('## Testing Strategy');
    expect(plan.indexOf('## Security Review')).toBeGreaterThan(plan.indexOf('## Testing Strategy'));
    expect(plan).not.toContain('## Deployment');
    expect(plan).toContain('template: "acme@1.2.0#plan"');
    const lock = await project.read('specforge.lock');
    expect(lock).toMatch(/packs:\n {2}acme:\n {4}source: path:packs\/acme\n {4}version: 1\.2\.0\n {4}integrity: sha256-.+\n {4}extends: speckit\n/);
  });

  it('passes --frozen when the lock matches and says nothing about it', async () => {
    const project = await teamProject();
    runCli(['template', 'list'], { cwd: project.dir, env });
    const result = runCli(['plan', 'specs/001-login/spec.md', '--frozen'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('fails --frozen with exit 2 and writes nothing when a pack changed since the lock', async () => {
    const project = await teamProject();
    runCli(['template', 'list'], { cwd: project.dir, env });
    await project.write('packs/acme/package.json', packManifest({}, '1.3.0'));
    const before = await tree(project.dir);
    const result = runCli(['plan', 'specs/001-login/spec.md', '--frozen'], { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error SPECFORGE_LOCK_MISMATCH: The packs no longer match specforge\.lock \(--frozen\): acme: version 1\.2\.0 → 1\.3\.0, integrity sha256-\S+ → sha256-\S+\.\n/,
    );
    expect(await tree(project.dir)).toEqual(before);
  });

  it('updates the lock without --frozen and reports the change', async () => {
    const project = await teamProject();
    runCli(['template', 'list'], { cwd: project.dir, env });
    await project.write('packs/acme/package.json', packManifest({}, '1.3.0'));
    const result = runCli(['plan', 'specs/001-login/spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^updated specforge\.lock:\n {2}acme: version 1\.2\.0 → 1\.3\.0, integrity /);
    expect(await project.read('specforge.lock')).toContain('version: 1.3.0');
  });

  it('fails --frozen when there is no lock yet', async () => {
    const project = await teamProject();
    const result = runCli(['plan', 'specs/001-login/spec.md', '--frozen'], { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error SPECFORGE_LOCK_MISMATCH: .*acme: added \(path:packs\/acme\)/);
  });
});

describe('specforge template', () => {
  it('lists the built-in and the team pack with their templates', async () => {
    const project = await teamProject();
    const result = runCli(['template', 'list', '--json'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    const { packs } = JSON.parse(result.stdout);
    expect(packs.map((p: { name: string; version: string; extends: string | null }) => [p.name, p.version, p.extends])).toEqual([
      ['speckit', '1.0.0', null],
      ['acme', '1.2.0', 'speckit'],
    ]);
    expect(packs[1].templates.find((t: { ref: string }) => t.ref === 'acme/plan')).toEqual({
      ref: 'acme/plan',
      kind: 'plan',
      description: 'Acme plan.',
      layers: ['speckit@1.0.0', 'acme@1.2.0'],
    });
  });

  it('blames each section on the layer that produced it', async () => {
    const project = await teamProject();
    const result = runCli(['template', 'blame', 'acme/plan', '--json'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    const { sections } = JSON.parse(result.stdout);
    const find = (path: string) => sections.find((s: { path: string }) => s.path === path);
    expect(find('security-review')).toMatchObject({ pack: 'acme', version: '1.2.0', file: 'packs/acme/plan.md', line: 11 });
    expect(find('technical-approach/technology-stack')).toMatchObject({ pack: 'acme', line: 6 });
    expect(find('testing-strategy')).toMatchObject({ pack: 'speckit', version: '1.0.0' });
    expect(find('deployment')).toBeUndefined();
  });

  it('shows the composed template body', async () => {
    const project = await teamProject();
    const result = runCli(['template', 'show', 'acme/plan'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^acme\/plan {2}\(acme@1\.2\.0, plan\)\nlayers: speckit@1\.0\.0 \S+plan\.md → acme@1\.2\.0 packs\/acme\/plan\.md\n\n# Implementation Plan Template\n/);
    expect(result.stdout).not.toContain('## Deployment');
  });
});

interface BadPackCase {
  name: string;
  files: Record<string, string>;
  code: string;
  /** The start of the `at` line: file, and line where there is one. */
  at: string;
}

describe('team packs with bad input', () => {
  it.each<BadPackCase>([
    {
      name: 'an overlay targeting a missing section',
      files: { 'packs/acme/plan.md': '---\nextends: speckit/plan\n---\n<!-- specforge: remove deploymnet -->\n' },
      code: 'SPECFORGE_OVERLAY_TARGET_MISSING',
      at: 'packs/acme/plan.md:4',
    },
    {
      name: 'an overlay with an unknown operation',
      files: { 'packs/acme/plan.md': '---\nextends: speckit/plan\n---\n<!-- specforge: replcae deployment -->\n## D\n' },
      code: 'SPECFORGE_OVERLAY_INVALID',
      at: 'packs/acme/plan.md:4',
    },
    {
      name: 'an unknown base package',
      files: { 'packs/acme/package.json': packManifest({ extends: '@acme/nothing@^1.0.0' }) },
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      at: 'packs/acme/package.json',
    },
    {
      name: 'an unsatisfiable base range',
      files: { 'packs/acme/package.json': packManifest({ extends: '@specforge/templates-speckit@^2.0.0' }) },
      code: 'SPECFORGE_SOURCE_VERSION_MISMATCH',
      at: 'packs/acme/package.json',
    },
    {
      name: 'packs that extend each other',
      files: {
        'packs/acme/package.json': packManifest({ extends: 'path:../other', templates: {} }),
        'packs/other/package.json': JSON.stringify({ name: 'other', version: '1.0.0', specforge: { name: 'other', extends: 'path:../acme', templates: {} } }),
      },
      code: 'SPECFORGE_PACK_CYCLE',
      at: 'packs/',
    },
    {
      name: 'a template path escaping the pack',
      files: { 'packs/acme/package.json': packManifest({ templates: { plan: '../../secret.md' } }) },
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      at: 'packs/acme/package.json',
    },
    {
      name: 'a malformed manifest',
      files: { 'packs/acme/package.json': '{ "name": "x", ' },
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      at: 'packs/acme/package.json',
    },
    {
      name: 'a git base that is not a repository',
      files: { 'packs/acme/package.json': packManifest({ extends: 'git+file:///nonexistent/specforge/repo.git#v1.0.0' }) },
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      at: 'packs/acme/package.json',
    },
    {
      name: 'a template id declared twice',
      files: {
        'packs/acme/package.json':
          '{"name":"a","version":"1.0.0","specforge":{"name":"acme","extends":"@specforge/templates-speckit@^1.0.0","templates":{"plan":"plan.md","plan":"plan.md"}}}',
      },
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      at: 'packs/acme/package.json:1:',
    },
    {
      name: 'a config pack folder that does not exist',
      files: { 'specforge.config.yaml': 'packs:\n  - ./packs/nowhere\n' },
      code: 'SPECFORGE_SOURCE_NOT_FOUND',
      at: 'specforge.config.yaml',
    },
    {
      name: 'a corrupted lock',
      files: { 'specforge.lock': 'lockfileVersion: 1\n<<<<<<< HEAD\npacks: {}\n' },
      code: 'SPECFORGE_LOCK_INVALID',
      at: 'specforge.lock',
    },
  ])('exits 2 with $code for $name and writes nothing', async ({ files, code, at }) => {
    const project = await teamProject(files);
    const before = await tree(project.dir);
    const result = runCli(['plan', 'specs/001-login/spec.md'], { cwd: project.dir, env });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^error ${code}: `));
    expect(result.stderr).toContain(`\n  at ${at}`);
    expect(result.status).toBe(2);
    expect(await tree(project.dir)).toEqual(before);
  });
});

describe('team packs from git with bad input', () => {
  it('exits 2 with SPECFORGE_SOURCE_REF_NOT_FOUND for an unknown tag and writes nothing', async () => {
    const project = await teamProject();
    const home = project.path('home');
    await project.write('home/.keep', '');
    await project.write('base-src/package.json', JSON.stringify({ name: 'b', version: '1.0.0', specforge: { name: 'base', templates: {} } }));
    makeReleaseRepo(project.path('base.git'), [{ version: '1.0.0', dir: project.path('base-src') }], home);
    await project.write('packs/acme/package.json', packManifest({ extends: `git+${pathToFileURL(project.path('base.git')).href}#v9.9.9`, templates: {} }));
    const before = await tree(project.dir);
    const result = runCli(['plan', 'specs/001-login/spec.md', '--template', 'speckit/plan'], {
      cwd: project.dir,
      env: { ...env, HOME: home, SPECFORGE_CACHE_DIR: project.path('.cache') },
    });
    expect(result.stderr).toMatch(/^error SPECFORGE_SOURCE_REF_NOT_FOUND: /);
    expect(result.stderr).toContain('\n  at packs/acme/package.json');
    expect(result.status).toBe(2);
    expect(await tree(project.dir)).toEqual(before);
  });
});
