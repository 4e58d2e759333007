import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A git identity and no user or system config, so commits work the same on every machine. */
export const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

/** Script and markup that must stay text wherever they appear. */
export const hostile = {
  title: `<script>console.log('INJECTED title')</script><img src=x onerror="console.log('INJECTED img');alert(1)">`,
  body: `<script>console.log('INJECTED body');alert(1)</script>

<img src=x onerror="console.log('INJECTED body img')"> [run](javascript:console.log('INJECTED link')) <a href="javascript:alert(1)">a</a>

<div><b>unclosed <i>markup</div></article></main><svg onload="console.log('INJECTED svg')">`,
  changelog: `- <script>console.log('INJECTED changelog')</script> Hostile entry.
- <img src=x onerror="console.log('INJECTED changelog img');alert(1)"> An image.
- [Click me](javascript:console.log('INJECTED changelog link')) and <a href="javascript:alert(1)">raw</a>.
- </article></main><div><b>Broken <iframe src="data:text/html,x"></iframe>`,
};

// The team pack's own guide template at each version; `Rollout` changes in every release.
const guide = (release: string, extra = '') => `---
id: guide
kind: other
description: The team's guide, ${release}.
---
# Guide

## Purpose

Why the guide exists.

## Rollout

Roll out as in release ${release}.
${extra}`;

const overlay = (title: string) =>
  `---\nextends: speckit/plan\n---\n<!-- specforge: rename context "${title}" -->\n`;

function manifest(version: string, templates: Record<string, string>): string {
  return JSON.stringify({
    name: '@team/templates',
    version,
    private: true,
    description: 'The team pack.',
    specforge: { name: 'team', extends: '@specforge/templates-speckit', templates },
  });
}

/** A project folder with its git history, and where to put the site and the cache. */
export interface VersionsProject {
  root: string;
  out: string;
  cacheDir: string;
  remove(): Promise<void>;
}

/**
 * A project in a new git repository whose own pack `team` went through 0.9.0 (whose manifest
 * names a template file that is not there, so it does not compose), 1.0.0, 1.1.0 and 1.2.0 (the
 * current one), one commit each, with a changelog. In 1.0.0 `team/plan` renames Context to
 * Background (Setting in 1.1.0, Why in 1.2.0) and `team/guide` adds a section; with `hostile`,
 * that section's title and body, the broken version's file name and the changelog's entries are
 * script and markup.
 */
export async function makeVersionsProject(
  options: { hostile?: boolean } = {},
): Promise<VersionsProject> {
  const dir = await mkdtemp(join(tmpdir(), 'docs-site-versions-'));
  const root = join(dir, 'project');
  const pack = join(root, 'packs/team');
  await mkdir(pack, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env: gitEnv, stdio: 'pipe' });
  git('init', '--quiet', '--initial-branch=main');
  await writeFile(join(root, 'specforge.config.yaml'), 'name: Team\npacks:\n  - ./packs/team\n');
  const extraTitle = options.hostile ? hostile.title : 'Old Notes';
  const extraBody = options.hostile ? hostile.body : 'Notes that 1.1.0 dropped.';
  const missing = options.hostile ? `<img src=x onerror=alert(1)>.md` : 'missing.md';
  const releases: [string, Record<string, string>][] = [
    ['0.9.0', { 'package.json': manifest('0.9.0', { plan: missing }) }],
    [
      '1.0.0',
      {
        'package.json': manifest('1.0.0', { plan: 'plan.md', guide: 'guide.md' }),
        'plan.md': overlay('Background'),
        'guide.md': guide('1.0.0', `\n## ${extraTitle}\n\n${extraBody}\n`),
      },
    ],
    [
      '1.1.0',
      {
        'package.json': manifest('1.1.0', { plan: 'plan.md', guide: 'guide.md' }),
        'plan.md': overlay('Setting'),
        'guide.md': guide('1.1.0'),
      },
    ],
    [
      '1.2.0',
      {
        'package.json': manifest('1.2.0', { plan: 'plan.md', guide: 'guide.md' }),
        'plan.md': overlay('Why'),
        'guide.md': guide('1.2.0'),
      },
    ],
  ];
  for (const [version, files] of releases) {
    for (const [file, text] of Object.entries(files)) await writeFile(join(pack, file), text);
    git('add', '-A');
    git('commit', '--quiet', '-m', `team ${version}`);
  }
  await writeFile(
    join(pack, 'CHANGELOG.md'),
    `# @team/templates

## 1.2.0

### Minor Changes

- Context is now called Why.

## 1.1.0

### Minor Changes

- Context is now called Setting; the guide's notes are gone.
${options.hostile ? `\n${hostile.changelog}\n` : ''}
## 1.0.0

### Major Changes

- First release.
`,
  );
  return {
    root,
    out: join(dir, 'site'),
    cacheDir: join(dir, 'cache'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
