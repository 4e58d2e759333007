import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeReleaseRepo } from './git-repo.js';
import { runCli } from './run-cli.js';
import { makeProject, type TempProject } from './temp-project.js';

// The real upstream: five Spec Kit releases (../shared/corpus/spec-kit), imported with
// `specforge template import speckit`, published as tags of a git repository, and followed by a
// team's overlay fork and by a team's copy fork. Skips when the corpus is absent.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/spec-kit');
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the Spec Kit upstream tests: ${corpus} does not exist.`);
const versions = ['0.0.30', '0.1.4', '0.4.0', '0.8.0', '1.0.1'];
const env = { SOURCE_DATE_EPOCH: '1767225600' };

/** Imports every release and publishes them as tags v<version> of a git repository. */
async function publishUpstream(project: TempProject): Promise<{ url: string; runEnv: NodeJS.ProcessEnv }> {
  const home = project.path('home');
  mkdirSync(home, { recursive: true });
  const runEnv = { ...env, SPECFORGE_CACHE_DIR: project.path('.cache'), HOME: home };
  for (const version of versions) {
    const out = project.path(`upstream-src/${version}`);
    const imported = runCli(['template', 'import', 'speckit', join(corpus, `v${version}`), '--out', out, '--version', version], {
      cwd: project.dir,
      env: runEnv,
    });
    expect(imported.status, imported.stderr).toBe(0);
  }
  const repo = project.path('upstream.git');
  makeReleaseRepo(repo, versions.map((version) => ({ version, dir: project.path(`upstream-src/${version}`) })), home);
  return { url: pathToFileURL(repo).href, runEnv };
}

const teamOverlay = (research: 'replace' | 'insert') =>
  [
    '---',
    'extends: speckit/plan',
    '---',
    '<!-- specforge: prepend summary -->',
    'Owner: the checkout team.',
    '',
    '<!-- specforge: replace technical-context -->',
    '## Technical Context',
    '',
    '**Language/Version**: TypeScript 5.9 on Node 22',
    '**Primary Dependencies**: Fastify 5, zod',
    '',
    '<!-- specforge: append constitution-check -->',
    '- Team gate: a threat model exists for every new endpoint.',
    '',
    research === 'replace'
      ? '<!-- specforge: replace phase-0-outline-research -->\n## Phase 0: Outline & Research'
      : '<!-- specforge: insert after project-structure -->\n## Research',
    '',
    '1. Spike the payment provider API before anything else.',
    '',
    ...(research === 'replace' ? ['<!-- specforge: remove progress-tracking -->', ''] : []),
    '<!-- specforge: insert after complexity-tracking -->',
    '## Security Review',
    '',
    '- Data classification of every new field.',
    '',
  ].join('\n');

describe.skipIf(!present)('following the real Spec Kit releases (../shared/corpus/spec-kit)', () => {
  it('upgrades an overlay fork of v0.0.30 release by release to v1.0.1, reporting stale directives', { timeout: 120_000 }, async () => {
    const project = await makeProject();
    const { url, runEnv } = await publishUpstream(project);
    await project.write('specforge.config.yaml', 'packs:\n  - ./packs/team\n');
    await project.write(
      'packs/team/package.json',
      JSON.stringify({ name: 'team-templates', version: '1.0.0', specforge: { name: 'team', extends: `git+${url}#v0.0.30`, templates: { plan: 'plan.md' } } }),
    );
    await project.write('packs/team/plan.md', teamOverlay('replace'));
    const first = runCli(['template', 'show', 'team/plan', '--json'], { cwd: project.dir, env: runEnv });
    expect(first.status, first.stderr).toBe(0);

    // v0.1.4 dropped the Phase sections and Progress Tracking: both directives are stale.
    const stale = runCli(['template', 'upgrade', 'team', '--to', '0.1.4'], { cwd: project.dir, env: runEnv });
    expect(stale.status).toBe(3);
    expect(stale.stdout).toContain('"replace phase-0-outline-research": the base at 0.1.4 has no section phase-0-outline-research');
    expect(stale.stdout).toContain('"remove progress-tracking": the base at 0.1.4 has no section progress-tracking');
    await project.write('packs/team/plan.md', teamOverlay('insert'));
    for (const version of versions.slice(1)) {
      const step = runCli(['template', 'upgrade', 'team', '--to', version], { cwd: project.dir, env: runEnv });
      expect(step.status, `${version}: ${step.stdout}${step.stderr}`).toBe(0);
    }

    const shown = runCli(['template', 'show', 'team/plan', '--json', '--frozen'], { cwd: project.dir, env: runEnv });
    expect(shown.status, shown.stderr).toBe(0);
    const { body, layers } = JSON.parse(shown.stdout);
    expect(layers.map((layer: { pack: string; version: string }) => `${layer.pack}@${layer.version}`)).toEqual(['speckit@1.0.1', 'team@1.0.0']);
    const upstream = readFileSync(join(corpus, 'v1.0.1/templates/plan-template.md'), 'utf8');
    expect(body).toContain('## Summary\n\nOwner: the checkout team.\n');
    expect(body).toContain('**Language/Version**: TypeScript 5.9 on Node 22\n**Primary Dependencies**: Fastify 5, zod');
    expect(body).toContain('- Team gate: a threat model exists for every new endpoint.');
    expect(body).toContain('## Research\n\n1. Spike the payment provider API before anything else.');
    expect(body).toContain('## Security Review\n\n- Data classification of every new field.');
    // What upstream wrote in v1.0.1 outside the team's sections is there too.
    const complexity = upstream.slice(upstream.indexOf('## Complexity Tracking'));
    expect(body).toContain(complexity.slice(0, complexity.indexOf('\n\n', 30)));
    expect(body).not.toContain('Progress Tracking');
  });

  it('merges a copy fork of v0.0.30 three ways through every release without losing a team line', { timeout: 120_000 }, async () => {
    const project = await makeProject();
    const { url, runEnv } = await publishUpstream(project);
    const config = (version: string) => `packs:\n  - git+${url}#v${version}\n  - ./packs/org\n`;
    await project.write('specforge.config.yaml', `packs:\n  - git+${url}#v0.0.30\n`);
    const fork = runCli(['template', 'fork', 'speckit/plan', '--as', 'org', '--copy'], { cwd: project.dir, env: runEnv });
    expect(fork.status, fork.stderr).toBe(0);
    expect(await project.read('specforge.config.yaml')).toBe(config('0.0.30'));

    const teamLines = [
      '**Language/Version**: TypeScript 5.9 on Node 22',
      '- Team gate: a threat model exists for every new endpoint.',
      '## Security Review',
      '- Data classification of every new field.',
    ];
    const planText = await project.read('packs/org/plan.md');
    await project.write(
      'packs/org/plan.md',
      planText
        .replace(/\*\*Language\/Version\*\*: [^\n]*/, teamLines[0]!)
        .replace('## Project Structure', `${teamLines[1]}\n\n## Project Structure`)
        .concat(`\n${teamLines[2]}\n\n${teamLines[3]}\n`),
    );

    for (const version of versions.slice(1)) {
      await project.write('specforge.config.yaml', config(version));
      const step = runCli(['template', 'upgrade', 'org'], { cwd: project.dir, env: runEnv });
      expect([0, 3], `${version}: ${step.stdout}${step.stderr}`).toContain(step.status);
      let merged = await project.read('packs/org/plan.md');
      for (const line of teamLines) expect(merged, `${version} lost "${line}"`).toContain(line);
      if (step.status === 3) {
        // The team resolves each conflict by keeping both sides, as a reviewer might.
        merged = merged.replace(/<<<<<<< [^\n]*\n([\s\S]*?)\|\|\|\|\|\|\| [^\n]*\n[\s\S]*?=======\n([\s\S]*?)>>>>>>> [^\n]*\n/g, '$1$2');
        await project.write('packs/org/plan.md', merged);
      }
      expect(JSON.parse(await project.read('packs/org/package.json')).specforge.copiedFrom.version).toBe(version);
    }
    const final = await project.read('packs/org/plan.md');
    expect(final).not.toMatch(/^<<<<<<< |^>>>>>>> /m);
    for (const line of teamLines) expect(final).toContain(line);
    const check = runCli(['template', 'validate', 'org'], { cwd: project.dir, env: runEnv });
    expect(check.status, check.stdout).toBe(0);
  });
});
