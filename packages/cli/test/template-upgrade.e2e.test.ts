import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', SPECFORGE_CACHE_DIR: '/nonexistent-cache' };

const basePlan = (version: string, extra: { testing?: string; stackTitle?: string } = {}) =>
  [
    '---',
    'id: plan',
    'kind: plan',
    `description: Base plan ${version}.`,
    '---',
    '# Plan',
    '',
    '## Context',
    '',
    '{{fence SPECIFICATION}}',
    '',
    `## ${extra.stackTitle ?? 'Technology Stack'}`,
    '',
    '- Languages:',
    '',
    '## Testing Strategy',
    '',
    extra.testing ?? '- Unit tests for...',
    '',
    '## Risks',
    '',
    '| Risk | Impact |',
    '| ---- | ------ |',
    '',
  ].join('\n');

const baseManifest = (version: string) =>
  JSON.stringify({ name: 'base-templates', version, specforge: { name: 'base', templates: { plan: 'plan.md' } } });

const teamOverlay = [
  '---',
  'extends: base/plan',
  '---',
  '<!-- specforge: replace technology-stack -->',
  '## Technology Stack',
  '',
  '- Languages: Go 1.23',
  '',
  '<!-- specforge: append risks -->',
  '| Vendor lock-in | Medium |',
  '',
].join('\n');

const project = () =>
  makeProject({
    'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
    'packs/base/package.json': baseManifest('1.0.0'),
    'packs/base/plan.md': basePlan('1.0.0'),
    'packs/team/package.json': JSON.stringify({
      name: 'team-templates',
      version: '0.1.0',
      specforge: { name: 'team', extends: 'path:../base@^1.0.0', templates: { plan: 'plan.md' } },
    }),
    'packs/team/plan.md': teamOverlay,
    'spec.md': '# Feature Specification: X\n',
  });

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

describe('specforge template upgrade (overlay fork)', () => {
  it('moves the fork to the new base, keeping every team change and taking upstream ones', async () => {
    const p = await project();
    expect(runCli(['template', 'list'], { cwd: p.dir, env }).status).toBe(0);
    await p.write('packs/base/package.json', baseManifest('2.0.0'));
    await p.write('packs/base/plan.md', basePlan('2.0.0', { testing: '- Contract tests for every API' }));

    // The old range no longer resolves: outdated says so, and plan fails until the upgrade.
    const outdated = runCli(['template', 'outdated', '--json'], { cwd: p.dir, env });
    expect(outdated.status).toBe(1);
    expect(JSON.parse(outdated.stdout)).toEqual({
      packs: [{ pack: 'team', kind: 'overlay', current: '1.0.0', available: '2.0.0', outdated: true }],
    });
    expect(runCli(['plan', 'spec.md', '--template', 'team/plan'], { cwd: p.dir, env }).status).toBe(2);

    const upgrade = runCli(['template', 'upgrade', 'team'], { cwd: p.dir, env });
    expect(upgrade.stdout).toBe('upgraded team (overlay fork) from 1.0.0 to 2.0.0\n  packs/team/package.json\n');
    expect(upgrade.status).toBe(0);
    expect(JSON.parse(await p.read('packs/team/package.json')).specforge.extends).toBe('path:../base@^2.0.0');
    expect(await p.read('specforge.lock')).toMatch(/ {2}base:\n {4}source: path:packs\/base\n {4}version: 2\.0\.0\n/);

    const plan = runCli(['plan', 'spec.md', '--template', 'team/plan', '--stdout'], { cwd: p.dir, env });
    expect(plan.stdout).toContain('- Languages: Go 1.23\n');
    expect(plan.stdout).toContain('| Vendor lock-in | Medium |\n');
    expect(plan.stdout).toContain('- Contract tests for every API\n');
    expect(runCli(['template', 'outdated'], { cwd: p.dir, env }).status).toBe(0);
  });

  it('reports a directive whose section upstream renamed as a conflict, exits 3 and writes nothing', async () => {
    const p = await project();
    runCli(['template', 'list'], { cwd: p.dir, env });
    await p.write('packs/base/package.json', baseManifest('3.0.0'));
    await p.write('packs/base/plan.md', basePlan('3.0.0', { stackTitle: 'Technical Context' }));
    const before = await snapshot(p.dir);
    const upgrade = runCli(['template', 'upgrade', 'team'], { cwd: p.dir, env });
    expect(upgrade.status).toBe(3);
    expect(upgrade.stdout).toBe(
      [
        'did not upgrade team (overlay fork) from 1.0.0 to 3.0.0',
        '  (not written) packs/team/package.json',
        '1 conflict:',
        '  packs/team/plan.md:4  "replace technology-stack": the base at 3.0.0 has no section technology-stack; retarget the directive or mark it optional.',
        'Nothing was written. Retarget each directive to a section of the new base, or mark it optional, and run the upgrade again.',
        '',
      ].join('\n'),
    );
    expect(await snapshot(p.dir)).toEqual(before);
  });

  it('says a fork is up to date when its base has not moved', async () => {
    const p = await project();
    runCli(['template', 'list'], { cwd: p.dir, env });
    const upgrade = runCli(['template', 'upgrade', 'team'], { cwd: p.dir, env });
    expect(upgrade).toMatchObject({ status: 0, stdout: 'team is up to date (overlay fork of 1.0.0)\n' });
  });
});

describe('specforge template upgrade (copy fork)', () => {
  it('merges three ways and leaves conflict markers where both sides changed a line', async () => {
    const p = await makeProject();
    runCli(['template', 'fork', 'speckit/plan', '--as', 'org', '--copy'], { cwd: p.dir, env });
    // Pretend the copy was taken from an older upstream whose Languages line differed…
    const upstream = await p.read('packs/org/.upstream/plan.md');
    await p.write('packs/org/.upstream/plan.md', upstream.replace('- Languages:\n', '- Languages: (any)\n').replace('How will this be tested:', 'How do we test it:'));
    const manifest = JSON.parse(await p.read('packs/org/package.json'));
    manifest.specforge.copiedFrom.version = '0.9.0';
    await p.write('packs/org/package.json', JSON.stringify(manifest, null, 2));
    // …and the team changed that same line, and another one upstream left alone.
    const fork = await p.read('packs/org/plan.md');
    await p.write(
      'packs/org/plan.md',
      fork.replace('- Languages:\n', '- Languages: Go 1.23\n').replace('How will this be tested:', 'How do we test it:').replace('- API contracts\n', '- API contracts (OpenAPI 3.1)\n'),
    );

    const result = runCli(['template', 'upgrade', 'org'], { cwd: p.dir, env });
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^upgraded org \(copy fork\) from 0\.9\.0 to 1\.0\.0\n/);
    expect(result.stdout).toMatch(/1 conflict:\n {2}packs\/org\/plan\.md:\d+ {2}both sides changed technical-approach\/technology-stack/);
    const merged = await p.read('packs/org/plan.md');
    expect(merged).toContain('- API contracts (OpenAPI 3.1)\n');
    expect(merged).toContain('How will this be tested:');
    expect(merged).toMatch(/<<<<<<< org\n- Languages: Go 1\.23\n\|\|\|\|\|\|\| speckit@0\.9\.0\n- Languages: \(any\)\n=======\n- Languages:\n>>>>>>> speckit@1\.0\.0\n/);
    expect(await p.read('packs/org/.upstream/plan.md')).toBe(upstream);
    expect(JSON.parse(await p.read('packs/org/package.json')).specforge.copiedFrom.version).toBe('1.0.0');
  });
});
