import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: '/nonexistent-cache' };

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('specforge init', () => {
  it('sets up config, a team pack, an example spec and the lock, and the example plans through the pack', async () => {
    const project = await makeProject();
    const result = runCli(['init', '--name', 'Shop', '--pack', 'acme'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(await files(project.dir)).toEqual([
      'packs/acme/CHANGELOG.md',
      'packs/acme/README.md',
      'packs/acme/package.json',
      'packs/acme/plan.md',
      'specforge.config.yaml',
      'specforge.lock',
      'specs/001-example/spec.md',
    ]);
    expect(await project.read('specforge.config.yaml')).toBe(
      '# specforge settings: see docs/configuration.md\nname: "Shop"\nplan:\n  template: acme/plan\npacks:\n  - ./packs/acme\n',
    );
    const spec = await project.read('specs/001-example/spec.md');
    expect(spec.startsWith('# Feature Specification: [FEATURE NAME]\n')).toBe(true);
    expect(spec).toContain('**Created**: 2026-01-01');
    const plan = runCli(['plan', 'specs/001-example/spec.md', '--frozen'], { cwd: project.dir, env });
    expect(plan.stdout).toMatch(/^wrote specs\/001-example\/plan\.md \(acme\/plan, \d+ bytes\)\n$/);
    expect(plan.status).toBe(0);
  });

  it('puts the pack where a pnpm workspace keeps its packages', async () => {
    const project = await makeProject({ 'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n' });
    const result = runCli(['init', '--json'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ pack: 'team', packDir: 'apps/team-templates', workspacePackage: true, written: true });
    expect(JSON.parse(await readFile(project.path('apps/team-templates/package.json'), 'utf8')).specforge.extends).toBe(
      '@specforge/templates-speckit@^1.0.0',
    );
  });

  it('lists the files and writes nothing with --dry-run', async () => {
    const project = await makeProject();
    const result = runCli(['init', '--dry-run'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^would write:\n {2}packs\/team\/package\.json\n/);
    expect(await files(project.dir)).toEqual([]);
  });

  it('never overwrites: an existing file stops it before anything is written', async () => {
    const project = await makeProject({ 'specforge.config.yaml': 'name: Mine\n' });
    const result = runCli(['init'], { cwd: project.dir, env });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error SPECFORGE_FILE_EXISTS: specforge\.config\.yaml exists already; nothing was written\.\n/);
    expect(await files(project.dir)).toEqual(['specforge.config.yaml']);
    expect(await project.read('specforge.config.yaml')).toBe('name: Mine\n');
  });
});

describe('specforge init on a terminal', () => {
  // `script` gives the CLI a real pseudo-terminal, as a person at a shell would have.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

  it.skipIf(!hasScript)('asks for the names the flags left out, keeping answers typed ahead', async () => {
    const project = await makeProject();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} init`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: project.dir,
      input: 'Tty Shop\nacme\n',
      encoding: 'utf8',
      env: { ...process.env, ...env, NO_COLOR: '1' },
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Project name (');
    expect(result.stdout).toContain('Team pack name (team): ');
    expect(await project.read('specforge.config.yaml')).toBe(
      '# specforge settings: see docs/configuration.md\nname: "Tty Shop"\nplan:\n  template: acme/plan\npacks:\n  - ./packs/acme\n',
    );
  });
});
