import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { findForeignMarkup } from '../src/test-utils/markup.js';
import { makeTempDir, readPages } from '../src/test-utils/temp-project.js';
import { brokenLinks, headingLevels } from './site-links.js';

const example = resolve(fileURLToPath(import.meta.url), '../../../../examples/acme-shop');
const now = new Date('2026-01-31T00:00:00Z');

const guides: Record<string, string> = {
  'README.md': `# Start here

Read [the overlays guide](overlays.md), then [its strategies](./overlays.md#whole-file-strategies)
and [the CLI reference](cli-reference.md#specforge-plan).

Files outside the guides are text: [the core package](../packages/core/README.md),
[a nested page](api/index.md), [a guide that is not there](nowhere.md).
`,
  'overlays.md': `# Overlays

## Directives

See [Whole-file strategies](#whole-file-strategies) and [back to the start](README.md).

### Table

| Directive | Does |
| --- | --- |
| \`replace\` | replaces a section |

## Whole-file strategies

Text.

## Main

A heading that would take the page's own id.
`,
  'hostile.md': `# Evil <img src=x onerror=alert(1)> "onmouseover="alert(1)

<script>alert(1)</script>

## <b onclick=alert(1)>Bold</b>

[x](javascript:alert(1)) [y](data:text/html,x) <iframe src="https://evil.example"></iframe>
[z](overlays.md"onmouseover="alert(1)) [w](<overlays.md#"><script>>)
`,
};

const cliReference = {
  slug: 'cli-reference',
  title: 'CLI reference',
  markdown: '# CLI reference\n\n## specforge plan\n\nSee [the overlays](overlays.md#directives).\n',
};

async function buildWithGuides(dir: string, base?: string) {
  const docs = join(dir, 'docs');
  await mkdir(join(docs, 'api'), { recursive: true });
  await writeFile(join(docs, 'api', 'index.md'), '# Not a guide');
  for (const [file, text] of Object.entries(guides)) await writeFile(join(docs, file), text);
  const out = join(dir, 'site');
  const result = await buildSite({
    cwd: example,
    out,
    base,
    cacheDir: join(dir, 'cache'),
    now,
    guides: { dir: docs, order: ['readme', 'overlays'] },
    extraGuides: [cliReference],
    apiReference: 'api/index.html',
  });
  // The API reference is the caller's: it puts it in the site after the build.
  await mkdir(join(out, 'api'));
  await writeFile(join(out, 'api', 'index.html'), '<h1>API</h1>');
  return { out, result, pages: await readPages(out) };
}

describe('buildSite with guides', () => {
  let out: string;
  let pages: Map<string, string>;
  let result: { pages: number };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-site-guides-'));
    ({ out, pages, result } = await buildWithGuides(dir));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a page per guide of the folder and per extra guide, in the given order', () => {
    expect(result.pages).toBe(14 + 4);
    const home = pages.get('index.html')!;
    const listed = [...home.matchAll(/<dt><a href="([^"]+)">([^<]+)<\/a><\/dt>/g)].map(
      (match) => `${match[1]} ${match[2]}`,
    );
    expect(listed).toEqual([
      'guides/readme/index.html Start here',
      'guides/overlays/index.html Overlays',
      'guides/hostile/index.html Evil &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;onmouseover&#x3D;&quot;alert(1)',
      'guides/cli-reference/index.html CLI reference',
    ]);
    expect(home).toContain('<h1>Acme Shop documentation</h1>');
    expect(home).toContain(
      '<dd>Read the overlays guide, then its strategies and the CLI reference.</dd>',
    );
    expect(home).toContain('<p>See also the <a href="api/index.html">API reference</a>.</p>');
  });

  it('rewrites links between guides to their pages and anchors, and keeps only the text of other links', () => {
    const readme = pages.get('guides/readme/index.html')!;
    expect(readme).toContain('<a href="../overlays/index.html">the overlays guide</a>');
    expect(readme).toContain(
      '<a href="../overlays/index.html#whole-file-strategies">its strategies</a>',
    );
    expect(readme).toContain(
      '<a href="../cli-reference/index.html#specforge-plan">the CLI reference</a>',
    );
    expect(readme).toContain(
      'are text: the core package,\na nested page, a guide that is not there.',
    );
    const overlays = pages.get('guides/overlays/index.html')!;
    expect(overlays).toContain('<a href="#whole-file-strategies">Whole-file strategies</a>');
    expect(overlays).toContain('<h2 id="main-1">Main</h2>');
  });

  it('writes pages whose links all lead to files and anchors of the site', () => {
    for (const [page, html] of pages) {
      if (page === '404.html') continue;
      expect(brokenLinks(out, page, html), page).toEqual([]);
    }
  });

  it('gives guide pages a title, an outline, the previous and next guides, and the site nav', () => {
    const overlays = pages.get('guides/overlays/index.html')!;
    expect(overlays).toContain('<title>Overlays: Acme Shop guides</title>');
    expect(overlays).toContain('<h1 id="overlays">Overlays</h1>');
    expect(overlays).toContain(
      '<li><a href="#directives">Directives</a><ol><li><a href="#table">Table</a></li></ol></li>',
    );
    expect(overlays).toContain(
      '<a class="previous" href="../../guides/readme/index.html" rel="prev">← Start here</a>',
    );
    expect(overlays).toContain('<link rel="stylesheet" href="../../assets/guides.css">');
    for (const [page, html] of pages) {
      if (page.startsWith('api/')) continue;
      const root = page === '404.html' ? '/' : '../'.repeat(page.split('/').length - 1);
      expect(html, page).toContain(`<li><a href="${root}index.html#guides">Guides</a></li>`);
      expect(html, page).toContain(`<li><a href="${root}api/index.html">API</a></li>`);
    }
  });

  it('writes accessible guide pages: one h1, headings that never skip a level', () => {
    for (const [page, html] of pages) {
      if (!page.startsWith('guides/')) continue;
      const levels = headingLevels(html);
      expect(
        levels.filter((level) => level === 1),
        page,
      ).toHaveLength(1);
      levels.forEach((level, index) => {
        if (index > 0) expect(level, page).toBeLessThanOrEqual(levels[index - 1]! + 1);
      });
    }
  });

  it('escapes hostile guides: no element, handler or script URL of theirs reaches a page', () => {
    for (const [page, html] of pages) expect(findForeignMarkup(html), page).toEqual([]);
    const hostile = pages.get('guides/hostile/index.html')!;
    expect(hostile).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(hostile).toContain('[x](javascript:alert(1))');
  });

  it('indexes the guides for search', async () => {
    const entry = JSON.parse(await readFile(join(out, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    // Every page but 404.html: the home page, 12 template pages and 4 guides.
    expect(entry.languages.en.page_count).toBe(17);
  });
});

describe('buildSite with guides under a sub-path', () => {
  it('links guides relatively and the 404 page from the base', async () => {
    const { out, pages } = await buildWithGuides(await makeTempDir(), '/docs/');
    for (const [page, html] of pages)
      expect(brokenLinks(out, page, html, '/docs/'), page).toEqual([]);
    const notFound = pages.get('404.html')!;
    expect(notFound).toContain('<li><a href="/docs/index.html#guides">Guides</a></li>');
    expect(notFound).toContain('<li><a href="/docs/api/index.html">API</a></li>');
    expect(brokenLinks(out, 'no/such/page/index.html', notFound, '/docs/')).toEqual([]);
  });
});

describe('buildSite apiReference', () => {
  it('links a URL as it is, and refuses a path that leaves the site', async () => {
    const dir = await makeTempDir();
    const out = join(dir, 'site');
    await buildSite({
      cwd: example,
      out,
      cacheDir: join(dir, 'cache'),
      now,
      apiReference: 'https://example.com/api/',
    });
    const home = await readFile(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<li><a href="https://example.com/api/">API</a></li>');
    expect(home).not.toContain('index.html#guides');
    for (const apiReference of ['../api/', '/api/', 'javascript:alert(1)', 'api/"><b>']) {
      await expect(
        buildSite({ cwd: example, out, cacheDir: join(dir, 'cache'), now, apiReference }),
      ).rejects.toMatchObject({ code: 'SPECFORGE_USAGE' });
    }
  });
});
