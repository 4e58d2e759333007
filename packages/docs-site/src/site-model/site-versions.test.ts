import { openProjectRegistry } from '@specforge/template-registry';
import { describe, expect, it } from 'vitest';
import { forkManifest, makeProject } from '../test-utils/temp-project.js';
import { buildSiteModel } from './build-site-model.js';
import { builtinExampleSpec } from './example-spec.js';
import type { PackVersionsModel } from './pack-versions.js';
import { buildSiteVersions } from './site-versions.js';

const guide = (rollout: string, extra = '') =>
  `# Guide\n\n## Purpose\n\nWhy.\n\n## Rollout\n\n${rollout}\n${extra}`;

async function siteTemplates() {
  const cwd = await makeProject({
    'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
    'packs/team/package.json': forkManifest('team', { guide: 'guide.md' }),
    'packs/team/guide.md': `---\nid: guide\nkind: other\n---\n${guide('Now.')}`,
  });
  const registry = await openProjectRegistry({ cwd, cacheDir: `${cwd}/.cache` });
  return buildSiteModel({
    packs: registry.packs,
    project: registry.project,
    example: builtinExampleSpec(),
    now: new Date('2026-01-31T00:00:00Z'),
  }).templates;
}

const teamVersions = (changelog?: string): PackVersionsModel => ({
  pack: 'team',
  changelog,
  versions: [
    { version: '2.0.0', origin: 'current', ref: '', error: undefined },
    { version: '1.0.0+build.7', origin: 'tag', ref: 'v1.0.0+build.7', error: undefined },
    { version: '0.9.0', origin: 'history', ref: 'abc', error: 'It does not compose.' },
    { version: '0.8.0', origin: 'history', ref: 'def', error: undefined },
  ],
  templates: new Map([
    [
      'guide',
      [
        { version: '2.0.0', origin: 'current', body: guide('Now.'), changedSections: [] },
        {
          version: '1.0.0+build.7',
          origin: 'tag',
          body: guide('Then.', '\n## Notes\n\nOld.\n'),
          changedSections: ['rollout', 'notes'],
        },
      ],
    ],
  ]),
});

describe('buildSiteVersions', () => {
  it('gives each template its switcher entries, a page per earlier version and every pair', async () => {
    const templates = await siteTemplates();
    const versions = buildSiteVersions(templates, [teamVersions('# team\n')]);
    expect([...versions.templates.keys()]).toEqual(['team/guide']);
    const guideVersions = versions.templates.get('team/guide')!;
    expect(
      guideVersions.entries.map((entry) => [entry.version, entry.page, entry.unavailable]),
    ).toMatchInlineSnapshot(`
        [
          [
            "2.0.0",
            "templates/team/guide/index.html",
            undefined,
          ],
          [
            "1.0.0+build.7",
            "templates/team/guide/v/1-0-0-build-7-c92db157/index.html",
            undefined,
          ],
          [
            "0.9.0",
            undefined,
            "It does not compose.",
          ],
          [
            "0.8.0",
            undefined,
            "team/guide is not in this version of the pack",
          ],
        ]
      `);
    const [page] = guideVersions.pages;
    expect(page?.changed).toEqual([
      { path: 'rollout', title: 'Rollout', anchor: 's-rollout', here: true },
      { path: 'notes', title: 'Notes', anchor: 's-notes', here: true },
    ]);
    expect(page?.sections.map((section) => section.title)).toEqual(['Purpose', 'Rollout', 'Notes']);
    expect(guideVersions.compare?.pairs.map((pair) => pair.id)).toEqual([
      'from-1-0-0-build-7-c92db157-to-2.0.0',
    ]);
    expect(versions.changelogs.get('team')).toEqual({
      pack: 'team',
      version: '2.0.0',
      page: 'packs/team/changelog/index.html',
      markdown: '# team\n',
    });
  });

  it('gives a pack with a single version a changelog page only', async () => {
    const templates = await siteTemplates();
    const single = { ...teamVersions('# team\n'), versions: teamVersions().versions.slice(0, 1) };
    const versions = buildSiteVersions(templates, [single]);
    expect(versions.templates.size).toBe(0);
    expect([...versions.changelogs.keys()]).toEqual(['team']);
    expect(buildSiteVersions(templates, [teamVersions()]).changelogs.size).toBe(0);
  });
});
