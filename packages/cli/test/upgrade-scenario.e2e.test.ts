import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeReleaseRepo } from './git-repo.js';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

// An upstream that releases three versions of its plan template, and a team that forks the
// first one, changes four sections, removes one and adds one, then follows every release.

const plan = (version: string, sections: Record<string, string>) =>
  ['---', 'id: plan', 'kind: plan', `description: Upstream plan ${version}.`, '---', '# Implementation Plan: [FEATURE]', '']
    .concat(Object.entries(sections).flatMap(([title, body]) => [`## ${title}`, '', body, '']))
    .join('\n');

const releases: { version: string; sections: Record<string, string> }[] = [
  {
    version: '1.0.0',
    sections: {
      Summary: '[Extract from feature spec]',
      'Technical Context': '**Language/Version**: [e.g., Python 3.11]',
      'Constitution Check': '*GATE: Must pass before Phase 0 research.*',
      'Phase 0: Outline & Research': '1. Extract unknowns from Technical Context',
      'Complexity Tracking': '| Violation | Why Needed |',
      'Progress Tracking': '- [ ] Phase 0: Research complete',
    },
  },
  {
    version: '1.1.0',
    sections: {
      Summary: '[Extract from feature spec: primary requirement + technical approach from research]',
      'Technical Context': '**Language/Version**: [e.g., Python 3.11]',
      'Constitution Check': '*GATE: Must pass before Phase 0 research.*',
      'Project Structure': '```text\nspecs/[###-feature]/\n```',
      'Complexity Tracking': '| Violation | Why Needed |',
    },
  },
  {
    version: '2.0.0',
    sections: {
      Summary: '[Extract from feature spec: primary requirement + technical approach from research]',
      'Technical Context': '**Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]',
      'Constitution Check': '*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*',
      'Project Structure': '```text\nspecs/[###-feature]/\n├── plan.md\n```',
      'Complexity Tracking': '> Fill ONLY if Constitution Check has violations\n\n| Violation | Why Needed |',
    },
  },
];

const teamOverlay = (research: 'replace' | 'insert') =>
  [
    '---',
    'extends: upstream/plan',
    '---',
    '<!-- specforge: prepend summary -->',
    'Owner: the checkout team.',
    '',
    '<!-- specforge: replace technical-context -->',
    '## Technical Context',
    '',
    '**Language/Version**: TypeScript 5.9 on Node 22',
    '',
    '<!-- specforge: append constitution-check -->',
    '- Team gate: a threat model exists.',
    '',
    research === 'replace'
      ? '<!-- specforge: replace phase-0-outline-research -->\n## Phase 0: Outline & Research'
      : '<!-- specforge: insert after project-structure -->\n## Research',
    '',
    '1. Spike the payment provider API first.',
    '',
    ...(research === 'replace' ? ['<!-- specforge: remove progress-tracking -->', ''] : []),
    '<!-- specforge: insert after complexity-tracking -->',
    '## Security Review',
    '',
    '- Threat model for every new endpoint.',
    '',
  ].join('\n');

const env = { SOURCE_DATE_EPOCH: '1767225600' };

describe('an overlay fork that follows upstream release by release', () => {
  it('keeps every team change, reports the stale directives, and never drops one silently', async () => {
    const project = await makeProject();
    const cacheDir = project.path('.cache');
    const runEnv = { ...env, SPECFORGE_CACHE_DIR: cacheDir, HOME: project.path('home') };
    for (const release of releases) {
      const dir = project.path(`upstream-src/${release.version}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'upstream-templates', version: release.version, specforge: { name: 'upstream', templates: { plan: 'plan.md' } } }));
      writeFileSync(join(dir, 'plan.md'), plan(release.version, release.sections));
    }
    const repo = project.path('upstream.git');
    mkdirSync(project.path('home'), { recursive: true });
    makeReleaseRepo(repo, releases.map((r) => ({ version: r.version, dir: project.path(`upstream-src/${r.version}`) })), project.path('home'));
    const url = pathToFileURL(repo).href;

    await project.write('specforge.config.yaml', 'packs:\n  - ./packs/team\n');
    await project.write(
      'packs/team/package.json',
      JSON.stringify({ name: 'team-templates', version: '1.0.0', specforge: { name: 'team', extends: `git+${url}#v1.0.0`, templates: { plan: 'plan.md' } } }),
    );
    await project.write('packs/team/plan.md', teamOverlay('replace'));
    expect(runCli(['template', 'list'], { cwd: project.dir, env: runEnv }).status).toBe(0);

    // The repository's newest tag is what outdated offers.
    const outdated = runCli(['template', 'outdated', '--json'], { cwd: project.dir, env: runEnv });
    expect(outdated.status).toBe(1);
    expect(JSON.parse(outdated.stdout).packs).toEqual([{ pack: 'team', kind: 'overlay', current: '1.0.0', available: '2.0.0', outdated: true }]);

    // 1.0.0 → 1.1.0: upstream dropped two sections the team's overlay names.
    const stale = runCli(['template', 'upgrade', 'team', '--to', '1.1.0'], { cwd: project.dir, env: runEnv });
    expect(stale.status).toBe(3);
    expect(stale.stdout).toContain('2 conflicts:\n');
    expect(stale.stdout).toContain('packs/team/plan.md:15  "replace phase-0-outline-research": the base at 1.1.0 has no section phase-0-outline-research');
    expect(stale.stdout).toContain('packs/team/plan.md:20  "remove progress-tracking": the base at 1.1.0 has no section progress-tracking');
    expect(JSON.parse(await project.read('packs/team/package.json')).specforge.extends).toBe(`git+${url}#v1.0.0`);

    // The team moves its research notes under the new Project Structure and drops the removal.
    await project.write('packs/team/plan.md', teamOverlay('insert'));
    const upgraded = runCli(['template', 'upgrade', 'team', '--to', '1.1.0'], { cwd: project.dir, env: runEnv });
    expect(upgraded.stdout).toBe('upgraded team (overlay fork) from 1.0.0 to 1.1.0\n  packs/team/package.json\n');
    expect(upgraded.status).toBe(0);
    const last = runCli(['template', 'upgrade', 'team'], { cwd: project.dir, env: runEnv });
    expect(last.stdout).toBe('upgraded team (overlay fork) from 1.1.0 to 2.0.0\n  packs/team/package.json\n');
    expect(last.status).toBe(0);
    expect(runCli(['template', 'outdated'], { cwd: project.dir, env: runEnv }).status).toBe(0);
    expect(JSON.parse(await project.read('packs/team/package.json')).specforge.extends).toBe(`git+${url}#v2.0.0`);

    const shown = runCli(['template', 'show', 'team/plan', '--json', '--frozen'], { cwd: project.dir, env: runEnv });
    expect(shown.status).toBe(0);
    const { body } = JSON.parse(shown.stdout);
    // Every team change…
    expect(body).toContain('## Summary\n\nOwner: the checkout team.\n\n[Extract from feature spec: primary requirement');
    expect(body).toContain('**Language/Version**: TypeScript 5.9 on Node 22');
    expect(body).toContain('*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*\n- Team gate: a threat model exists.');
    expect(body).toContain('## Research\n\n1. Spike the payment provider API first.');
    expect(body).toContain('## Security Review\n\n- Threat model for every new endpoint.');
    // …and every upstream change.
    expect(body).toContain('├── plan.md');
    expect(body).toContain('> Fill ONLY if Constitution Check has violations');
    expect(body).not.toContain('Progress Tracking');
    expect(body.indexOf('## Research')).toBeGreaterThan(body.indexOf('## Project Structure'));
    expect(body.indexOf('## Security Review')).toBeGreaterThan(body.indexOf('## Complexity Tracking'));

    // The fork compared with an older base, without changing anything.
    const lock = await project.read('specforge.lock');
    const older = runCli(['template', 'diff', 'team/plan', '--base', '1.1.0', '--json'], { cwd: project.dir, env: runEnv });
    expect(older.status, older.stderr).toBe(0);
    const diff = JSON.parse(older.stdout);
    expect(diff.upstream).toBe('upstream@1.1.0#plan');
    expect(diff.patch).toContain('-**Language/Version**: [e.g., Python 3.11]\n+**Language/Version**: TypeScript 5.9 on Node 22');
    expect(diff.sections.filter((s: { status: string }) => s.status !== 'unchanged').map((s: { path: string; status: string }) => `${s.status} ${s.path}`)).toEqual([
      'modified summary',
      'modified technical-context',
      'modified constitution-check',
      'added research',
      'added security-review',
    ]);
    expect(await project.read('specforge.lock')).toBe(lock);
    expect(JSON.parse(await project.read('packs/team/package.json')).specforge.extends).toBe(`git+${url}#v2.0.0`);
  });
});

describe('a copy fork that follows upstream release by release', () => {
  it('merges every release three ways and keeps every team line', async () => {
    const project = await makeProject();
    const home = project.path('home');
    mkdirSync(home, { recursive: true });
    const runEnv = { ...env, SPECFORGE_CACHE_DIR: project.path('.cache'), HOME: home };
    for (const release of releases) {
      const dir = project.path(`upstream-src/${release.version}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'upstream-templates', version: release.version, specforge: { name: 'upstream', templates: { plan: 'plan.md' } } }));
      writeFileSync(join(dir, 'plan.md'), plan(release.version, release.sections));
    }
    const repo = project.path('upstream.git');
    makeReleaseRepo(repo, releases.map((r) => ({ version: r.version, dir: project.path(`upstream-src/${r.version}`) })), home);
    const url = pathToFileURL(repo).href;
    await project.write('specforge.config.yaml', `packs:\n  - git+${url}#v1.0.0\n`);
    expect(runCli(['template', 'fork', 'upstream/plan', '--as', 'org', '--copy'], { cwd: project.dir, env: runEnv }).status).toBe(0);

    const copied = await project.read('packs/org/plan.md');
    await project.write(
      'packs/org/plan.md',
      copied
        .replace('**Language/Version**: [e.g., Python 3.11]', '**Language/Version**: TypeScript 5.9')
        .replace('## Complexity Tracking', '## Security Review\n\n- Threat model for every new endpoint.\n\n## Complexity Tracking'),
    );
    const outcomes: number[] = [];
    for (const version of ['1.1.0', '2.0.0']) {
      await project.write('specforge.config.yaml', `packs:\n  - git+${url}#v${version}\n  - ./packs/org\n`);
      const step = runCli(['template', 'upgrade', 'org'], { cwd: project.dir, env: runEnv });
      outcomes.push(step.status ?? -1);
      const merged = await project.read('packs/org/plan.md');
      expect(merged).toContain('- Threat model for every new endpoint.');
      expect(merged).toContain('TypeScript 5.9');
    }
    // 1.1.0 merges cleanly; 2.0.0 rewrote the very line the team changed: a conflict, kept in markers.
    expect(outcomes).toEqual([0, 3]);
    const merged = await project.read('packs/org/plan.md');
    expect(merged).toContain('[Extract from feature spec: primary requirement + technical approach from research]');
    expect(merged).not.toContain('Progress Tracking');
    expect(merged).toContain(
      '<<<<<<< org\n**Language/Version**: TypeScript 5.9\n||||||| upstream@1.1.0\n**Language/Version**: [e.g., Python 3.11]\n=======\n**Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]\n>>>>>>> upstream@2.0.0\n',
    );
  });
});
