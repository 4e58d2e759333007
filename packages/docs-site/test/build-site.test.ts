import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { listFiles, makeTempDir, readPages } from '../src/test-utils/temp-project.js';
import { brokenLinks, headingLevels } from './site-links.js';

const example = resolve(fileURLToPath(import.meta.url), '../../../../examples/acme-shop');
const now = new Date('2026-01-31T00:00:00Z');

describe('buildSite on the example registry (examples/acme-shop)', () => {
  let out: string;
  let pages: Map<string, string>;
  let result: { pages: number; out: string };
  let lockBefore: string;

  let dir: string;

  beforeAll(async () => {
    lockBefore = await readFile(join(example, 'specforge.lock'), 'utf8');
    dir = await mkdtemp(join(tmpdir(), 'docs-site-example-'));
    out = join(dir, 'site');
    result = await buildSite({ cwd: example, out, cacheDir: join(out, '..', 'cache'), now });
    pages = await readPages(out);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the home page, a page per template of every pack, 404.html, the assets and the search index', async () => {
    expect(result).toEqual({ pages: 14, out });
    const ids = ['checklist', 'plan', 'plan-draft', 'spec', 'tasks', 'tasks-draft'];
    expect([...pages.keys()]).toEqual(
      [
        '404.html',
        'index.html',
        ...ids.map((id) => `templates/acme/${id}/index.html`),
        ...ids.map((id) => `templates/speckit/${id}/index.html`),
      ].sort(),
    );
    const files = await listFiles(out);
    expect(files).toEqual(
      expect.arrayContaining([
        '.specforge-docs-site',
        'assets/site.css',
        'assets/search.js',
        'pagefind/pagefind-ui.js',
        'pagefind/pagefind-ui.css',
        'pagefind/pagefind.js',
      ]),
    );
  });

  it('reads specforge.lock without writing it', async () => {
    expect(await readFile(join(example, 'specforge.lock'), 'utf8')).toBe(lockBefore);
  });

  it('lists every pack and template on the home page, with a search box', () => {
    const home = pages.get('index.html')!;
    expect(home).toContain('<h3>acme <span class="version">1.2.0</span></h3>');
    expect(home).toContain('<dt>Extends</dt><dd>speckit</dd>');
    expect(home).toContain('<code>path:packs/acme</code>');
    expect(home).toContain('Acme Shop&#x27;s fork of the Spec Kit templates');
    expect(home).toContain(
      '<tr><td><a href="templates/acme/plan/index.html">acme/plan</a></td><td>plan</td>',
    );
    expect(home).toContain('<div id="search" class="search-box"></div>');
    expect(home).toContain('<script src="pagefind/pagefind-ui.js"></script>');
  });

  it("blames the overridden section on the acme layer and shows the upstream and the overlay's text", () => {
    const plan = pages.get('templates/acme/plan/index.html')!;
    const stack = plan.slice(plan.indexOf('id="s-technical-approach--technology-stack"'));
    const head = stack.slice(0, stack.indexOf('</div>'));
    expect(head).toContain(
      '<strong class="layer">acme@1.2.0</strong> <code class="location">plan.md:8</code>',
    );
    expect(head).toContain('modified by this pack');
    const diff = stack.slice(stack.indexOf('<pre class="diff-lines">'), stack.indexOf('</pre>'));
    expect(diff).toContain('<span>  ### Technology Stack</span>');
    expect(diff).toContain(
      '<ins>+ - Languages: TypeScript 5.9 on Node 22 (services), Kotlin 2 (Android)</ins>',
    );
    expect(diff).toMatch(/<del>- .+<\/del>/);
    // An upstream section keeps its upstream blame; the appended risk row names acme.
    expect(plan).toMatch(
      /id="s-context">Context<\/h4>\n<p class="blame"><span class="blame-label">from<\/span> <strong class="layer">speckit@1\.0\.0<\/strong>/,
    );
    expect(plan).toContain(
      '; append by <strong class="layer">acme@1.2.0</strong> <code class="location">plan.md:24</code>',
    );
    expect(plan).toContain('<code>deployment</code>: Deployment');
  });

  it('renders the effective template with its outline, inputs, check rules, snippet and example plan', () => {
    const plan = pages.get('templates/acme/plan/index.html')!;
    expect(plan).toContain(
      '<li><a href="#s-security-review">Security Review</a> <span class="badge badge-added">added</span></li>',
    );
    expect(plan).toContain('<code>specforge plan &lt;spec&gt; --template acme/plan</code>');
    expect(plan).toContain('Rendered from <code>specs/042-checkout/spec.md</code>');
    expect(plan).toContain('Guest Checkout with Saved Carts');
    expect(plan).toContain('<dt>Required sections</dt>');
    expect(plan).toContain('<li><code>context</code></li>');
    // Handlebars in the template body is shown as text.
    expect(plan).toContain('{{fence SPECIFICATION}}');
    const tasks = pages.get('templates/speckit/tasks/index.html')!;
    expect(tasks).toContain('<li><code>T</code>: <code>T\\d{3}[a-z]?</code></li>');
  });

  it('writes pages whose links all lead to files and anchors of the site', () => {
    for (const [page, html] of pages) {
      if (page === '404.html') continue;
      expect(brokenLinks(out, page, html), page).toEqual([]);
    }
  });

  it('writes accessible pages: a language, a skip link, one h1, headings that never skip a level', () => {
    for (const [page, html] of pages) {
      expect(html, page).toContain('<html lang="en">');
      expect(html, page).toContain('<a class="skip-link" href="#main">');
      expect(html, page).toContain('<main id="main" tabindex="-1"');
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

  it('requests nothing from another host', async () => {
    for (const [page, html] of pages)
      expect(html, page).not.toMatch(/\s(?:src|href)="(?:[a-z]+:)?\/\//i);
    const css = await readFile(join(out, 'assets/site.css'), 'utf8');
    expect(css).not.toMatch(/url\(|@import/);
  });
});

describe('buildSite under a sub-path', () => {
  it('links relatively, so pages work under /docs/, and prefixes the 404 page with the base', async () => {
    const out = join(await makeTempDir(), 'site');
    await buildSite({ cwd: example, out, base: 'docs', cacheDir: join(out, '..', 'cache'), now });
    const pages = await readPages(out);
    for (const [page, html] of pages)
      expect(brokenLinks(out, page, html, '/docs/'), page).toEqual([]);
    const notFound = pages.get('404.html')!;
    expect(notFound).toContain('<link rel="stylesheet" href="/docs/assets/site.css">');
    expect(notFound).toContain('<a href="/docs/index.html">Go to the list of templates</a>');
    // The 404 page is served at any depth: its links work from a deep, missing path too.
    expect(brokenLinks(out, 'no/such/page/index.html', notFound, '/docs/')).toEqual([]);
  });
});

describe('buildSite output folder', () => {
  it('replaces a site it built earlier, dropping files the new build does not write', async () => {
    const out = join(await makeTempDir(), 'site');
    await buildSite({ cwd: example, out, cacheDir: join(out, '..', 'cache'), now });
    await writeFile(join(out, 'stale.html'), 'old');
    await buildSite({ cwd: example, out, cacheDir: join(out, '..', 'cache'), now });
    expect(await listFiles(out)).not.toContain('stale.html');
    expect(
      (await listFiles(join(out, '..'))).filter((file) => file.includes('-building-')),
    ).toEqual([]);
  });

  it('refuses a folder that holds something other than a site, and writes nothing', async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(
      buildSite({ cwd: example, out: dir, cacheDir: join(dir, 'cache'), now }),
    ).rejects.toMatchObject({
      code: 'SPECFORGE_OUTPUT_UNWRITABLE',
    });
    expect(await listFiles(dir)).toEqual(['notes.txt']);
  });

  it('refuses an invalid base before doing anything', async () => {
    const out = join(await makeTempDir(), 'site');
    await expect(
      buildSite({ cwd: example, out, base: '/../', cacheDir: out, now }),
    ).rejects.toMatchObject({ code: 'SPECFORGE_USAGE' });
  });
});
