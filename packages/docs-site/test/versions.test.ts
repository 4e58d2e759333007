import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { findForeignMarkup } from '../src/test-utils/markup.js';
import { readPages } from '../src/test-utils/temp-project.js';
import { brokenLinks, headingLevels } from './site-links.js';
import { makeVersionsProject, type VersionsProject } from './versions-project.js';

const now = new Date('2026-01-31T00:00:00Z');
const templateIds = ['checklist', 'guide', 'plan', 'plan-draft', 'spec', 'tasks', 'tasks-draft'];

async function build(project: VersionsProject) {
  const result = await buildSite({
    cwd: project.root,
    out: project.out,
    cacheDir: project.cacheDir,
    now,
  });
  return { result, pages: await readPages(project.out) };
}

/** The text of the element that follows `marker` up to `end`. */
function slice(html: string, marker: string, end: string): string {
  const start = html.indexOf(marker);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(end, start));
}

describe('buildSite with a pack at several versions', () => {
  let project: VersionsProject;
  let pages: Map<string, string>;
  let result: { pages: number };

  beforeAll(async () => {
    project = await makeVersionsProject();
    ({ result, pages } = await build(project));
  });

  afterAll(() => project?.remove());

  it('writes a page per template at each earlier version, a compare page per template and the changelog', () => {
    const team = templateIds.flatMap((id) => [
      `templates/team/${id}/index.html`,
      `templates/team/${id}/v/1.1.0/index.html`,
      `templates/team/${id}/v/1.0.0/index.html`,
      `templates/team/${id}/compare/index.html`,
    ]);
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining([...team, 'packs/team/changelog/index.html']),
    );
    // The version that does not compose (0.9.0) has no page; the built-in pack has no versions.
    expect(
      [...pages.keys()].filter((page) =>
        /\/v\/0\.9\.0\/|speckit\/[^/]+\/(?:v|compare)\//.test(page),
      ),
    ).toEqual([]);
    // home, 404, 6 speckit + 7 team templates, 2 × 7 versions, 7 compare pages, 1 changelog
    expect(result.pages).toBe(2 + 13 + 14 + 7 + 1);
  });

  it('lists every version on the template page, the current one marked, each with its origin', () => {
    const guide = pages.get('templates/team/guide/index.html')!;
    const switcher = slice(guide, '<nav aria-label="Versions"', '</nav>');
    expect(switcher.replace(/versions\/[0-9a-f]{32}/, 'versions/…')).toMatchInlineSnapshot(`
      "<nav aria-label="Versions" class="versions" data-pagefind-ignore>
      <h2 id="versions">Versions</h2>
      <ol class="version-list">
      <li data-compare-version="1.2.0"><a href="../../../templates/team/guide/index.html" aria-current="page">1.2.0</a> <span class="origin">current</span></li>
      <li data-compare-version="1.1.0"><a href="../../../templates/team/guide/v/1.1.0/index.html">1.1.0</a> <span class="origin">history</span></li>
      <li data-compare-version="1.0.0"><a href="../../../templates/team/guide/v/1.0.0/index.html">1.0.0</a> <span class="origin">history</span></li>
      <li><span class="version-unavailable">0.9.0</span> <span class="origin">history</span> <span class="version-error">unavailable: The pack manifest is invalid: the template &quot;plan&quot; maps to &quot;missing.md&quot;, which does not exist in &lt;cache&gt;/versions/….</span></li>
      </ol>
      <p class="version-links"><a href="../../../templates/team/guide/compare/index.html">Compare any two versions</a></p>
      "
    `);
    expect(guide).toContain(
      '<dt>Changelog</dt><dd><a href="../../../packs/team/changelog/index.html">team changelog</a></dd>',
    );
    expect(guide).toContain(
      '<p class="version-links"><a href="../../../templates/team/guide/compare/index.html">Compare any two versions</a></p>',
    );
  });

  it('marks the sections that differ from the current version on an earlier version page', () => {
    const old = pages.get('templates/team/plan/v/1.0.0/index.html')!;
    expect(old).toContain('<h1>team/plan <span class="version">1.0.0</span></h1>');
    expect(old).toMatch(
      /This is version <strong>1\.0\.0<\/strong> of team\/plan, from commit [0-9a-f]{12} of the project&#x27;s history\. The current version is <a href="\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/templates\/team\/plan\/index\.html">1\.2\.0<\/a>\./,
    );
    expect(old).toContain('aria-current="page">1.0.0</a>');
    expect(slice(old, '<section aria-labelledby="changes"', '</section>')).toMatchInlineSnapshot(`
      "<section aria-labelledby="changes" class="version-changes">
      <h2 id="changes">Changed since this version</h2>
      <p>2 sections of this version differ in the current version 1.2.0:</p>
      <ul>
      <li><a href="#s-background">Background</a></li>
      <li><a href="../../../../../templates/team/plan/index.html#s-why">Why</a> <span class="note">(added since this version)</span></li>
      </ul>
      "
    `);
    expect(
      slice(
        old,
        '<section class="tpl-section version-changed" aria-labelledby="s-background"',
        '</div>',
      ),
    ).toMatchInlineSnapshot(`
        "<section class="tpl-section version-changed" aria-labelledby="s-background">
        <div class="section-head">
        <h4 id="s-background" class="version-changed-heading">Background</h4>
        <p class="badge badge-version-changed">changed since this version</p>
        "
      `);
    // A section the versions share is not marked.
    expect(old).toContain('<section class="tpl-section" aria-labelledby="s-technical-approach">');
  });

  it('says so when an earlier version of a template is the same as the current one', () => {
    const spec = pages.get('templates/team/spec/v/1.1.0/index.html')!;
    expect(spec).toContain('<p>No section differs from the current version 1.2.0.</p>');
    expect(spec).not.toContain('version-changed');
  });

  it('diffs every pair of versions on the compare page, the previous against the current first', () => {
    const compare = pages.get('templates/team/guide/compare/index.html')!;
    const pairs = [...compare.matchAll(/<section id="(from-[^"]+)" class="compare-pair"/g)].map(
      (match) => match[1],
    );
    expect(pairs).toEqual(['from-1.1.0-to-1.2.0', 'from-1.0.0-to-1.2.0', 'from-1.0.0-to-1.1.0']);
    expect(
      slice(compare, '<section id="from-1.0.0-to-1.1.0"', '</section>'),
    ).toMatchInlineSnapshot(`
      "<section id="from-1.0.0-to-1.1.0" class="compare-pair" aria-labelledby="from-1.0.0-to-1.1.0-title" data-from="1.0.0" data-to="1.1.0">
      <h3 id="from-1.0.0-to-1.1.0-title">From 1.0.0 to 1.1.0</h3>
      <pre class="diff-lines"><span class="diff-gap">⋯ 5 unchanged lines</span><span>  </span><span>  ## Rollout</span><span>  </span><del>- Roll out as in release 1.0.0.</del><del>- </del><del>- ## Old Notes</del><del>- </del><del>- Notes that 1.1.0 dropped.</del><ins>+ Roll out as in release 1.1.0.</ins></pre>
      "
    `);
    expect(compare).toContain('<div class="compare-picker" data-compare-picker hidden></div>');
    expect(compare).toContain('<script src="../../../../assets/compare.js"></script>');
    const same = pages.get('templates/team/spec/compare/index.html')!;
    expect(same).toContain('<p>No differences: the template is the same at both versions.</p>');
  });

  it("renders the pack's changelog and links it from the home page", () => {
    const changelog = pages.get('packs/team/changelog/index.html')!;
    expect(slice(changelog, '<article class="changelog">', '</article>')).toContain(
      "<h3>1.1.0</h3>\n<h4>Minor Changes</h4>\n<ul>\n<li>Context is now called Setting; the guide's notes are gone.</li>",
    );
    expect(pages.get('index.html')).toContain(
      '<dt>Changelog</dt><dd><a href="packs/team/changelog/index.html">team changelog</a></dd>',
    );
  });

  it('writes links that all lead to pages and anchors of the site, and headings that never skip a level', () => {
    for (const [page, html] of pages) {
      if (page === '404.html') continue;
      expect(brokenLinks(project.out, page, html), page).toEqual([]);
      const levels = headingLevels(html);
      expect(
        levels.filter((level) => level === 1),
        page,
      ).toHaveLength(1);
      levels.forEach((level, index) => {
        if (index > 0)
          expect(level, `${page}: heading ${index}`).toBeLessThanOrEqual(levels[index - 1]! + 1);
      });
    }
  });

  it('indexes only the current pages and the changelog for search', async () => {
    for (const [page, html] of pages) {
      if (!/\/(?:v\/[^/]+|compare)\/index\.html$/.test(page)) continue;
      expect(html, page).toContain('<div data-pagefind-ignore="all"');
      expect(html, page).not.toContain('data-pagefind-body');
    }
    const entry = JSON.parse(
      await readFile(join(project.out, 'pagefind/pagefind-entry.json'), 'utf8'),
    );
    // The home page, the changelog and the 13 template pages.
    expect(entry.languages.en.page_count).toBe(15);
  });
});

describe('buildSite with hostile content in earlier versions and the changelog', () => {
  let project: VersionsProject;
  let pages: Map<string, string>;

  beforeAll(async () => {
    project = await makeVersionsProject({ hostile: true });
    ({ pages } = await build(project));
  });

  afterAll(() => project?.remove());

  it('escapes every string: no element, handler or script URL of theirs reaches a page', () => {
    for (const [page, html] of pages) expect(findForeignMarkup(html), page).toEqual([]);
  });

  it('shows the hostile section title and body of an earlier version as text, marked as changed', () => {
    const old = pages.get('templates/team/guide/v/1.0.0/index.html')!;
    expect(old).toContain(
      "class=\"version-changed-heading\">&lt;script&gt;console.log('INJECTED title')&lt;/script&gt;&lt;img src=x onerror=&quot;console.log('INJECTED img');alert(1)&quot;&gt;</h4>",
    );
    expect(old).toContain(
      "<p>&lt;script&gt;console.log('INJECTED body');alert(1)&lt;/script&gt;</p>",
    );
    expect(old).toContain("[run](javascript:console.log('INJECTED link'))");
    expect(old).toContain('&lt;/article&gt;&lt;/main&gt;&lt;svg onload=');
    const compare = pages.get('templates/team/guide/compare/index.html')!;
    expect(compare).toContain(
      '<del>- &lt;script&gt;console.log(&#39;INJECTED body&#39;);alert(1)&lt;/script&gt;</del>',
    );
  });

  it("shows the broken version's error and the changelog's entries as text", () => {
    expect(pages.get('templates/team/guide/index.html')).toContain(
      'maps to &quot;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.md&quot;, which does not exist',
    );
    const changelog = pages.get('packs/team/changelog/index.html')!;
    expect(changelog).toContain(
      "<p>&lt;script&gt;console.log('INJECTED changelog')&lt;/script&gt; Hostile entry.</p>",
    );
    expect(changelog).toContain(
      "<p>[Click me](javascript:console.log('INJECTED changelog link')) and &lt;a href=&quot;javascript:alert(1)&quot;&gt;raw&lt;/a&gt;.</p>",
    );
    expect(changelog).toContain(
      '&lt;/article&gt;&lt;/main&gt;&lt;div&gt;&lt;b&gt;Broken &lt;iframe',
    );
  });
});
