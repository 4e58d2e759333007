import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { errorCatalog } from '@specforge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsSite, repoDir } from './build-docs-site.js';

const docsDir = join(repoDir, 'docs');

/** The internal links of `page` that lead to no file of the site or to a missing anchor. */
function brokenLinks(site: string, page: string, html: string): string[] {
  const broken: string[] = [];
  for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const url = raw!.replaceAll('&amp;', '&');
    if (/^(?:https?:|mailto:|data:)/.test(url)) continue;
    const [path = '', fragment] = url.split('#');
    const target = path === '' ? page : posix.join(posix.dirname(page), path);
    const file = join(site, target.endsWith('/') ? `${target}index.html` : target);
    if (target.startsWith('..') || !existsSync(file)) broken.push(`${url} (no ${target})`);
    else if (fragment && !readFileSync(file, 'utf8').includes(`id="${fragment}"`))
      broken.push(`${url} (no #${fragment} in ${target})`);
  }
  return broken;
}

async function readSite(site: string): Promise<Map<string, string>> {
  const entries = await readdir(site, { recursive: true });
  const pages = new Map<string, string>();
  for (const entry of entries.sort()) {
    const path = entry.split('\\').join('/');
    if (path.endsWith('.html') && !path.startsWith('pagefind/'))
      pages.set(path, await readFile(join(site, path), 'utf8'));
  }
  return pages;
}

describe('buildDocsSite', () => {
  let dir: string;
  let site: string;
  let pages: Map<string, string>;
  let guides: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-app-'));
    site = join(dir, 'site');
    await buildDocsSite({ out: site, now: new Date('2026-01-31T00:00:00Z') });
    pages = await readSite(site);
    guides = (await readdir(docsDir)).filter((file) => file.endsWith('.md')).sort();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a guide page for every docs/*.md and the generated references, listed on the home page', () => {
    expect(guides.length).toBeGreaterThan(10);
    const home = pages.get('index.html')!;
    for (const file of guides) {
      const page = `guides/${file.slice(0, -3).toLowerCase()}/index.html`;
      expect(pages.has(page), page).toBe(true);
      expect(home, page).toContain(`<dt><a href="${page}">`);
    }
    expect(home).toContain('<dt><a href="guides/cli-reference/index.html">CLI reference</a></dt>');
    expect(home).toContain('<dt><a href="guides/error-codes/index.html">Error codes</a></dt>');
  });

  it('shows the built-in packs only', () => {
    const templates = [...pages.keys()].filter((page) => page.startsWith('templates/'));
    expect(templates.length).toBeGreaterThan(0);
    for (const page of templates) expect(page).toMatch(/^templates\/speckit\//);
  });

  it('links every guide to the guides its Markdown links to, and every link of the site works', () => {
    for (const file of guides) {
      const markdown = readFileSync(join(docsDir, file), 'utf8');
      const html = pages.get(`guides/${file.slice(0, -3).toLowerCase()}/index.html`)!;
      // Links outside code to another file of docs/ ([text](other.md) or (other.md#anchor)).
      const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
      for (const [, target] of prose.matchAll(/\]\(\.?\/?([\w-]+)\.md(?:#[^)]*)?\)/g)) {
        if (!guides.includes(`${target}.md`)) continue;
        expect(html, `${file} → ${target}.md`).toContain(
          `href="../${target!.toLowerCase()}/index.html`,
        );
      }
    }
    for (const [page, html] of pages) {
      if (page === '404.html') continue;
      expect(brokenLinks(site, page, html), page).toEqual([]);
    }
  });

  it('renders the CLI reference and the error codes as pages with an outline', () => {
    const cli = pages.get('guides/cli-reference/index.html')!;
    expect(cli).toContain('<h2 id="specforge-plan">specforge plan</h2>');
    expect(cli).toContain('<li><a href="#specforge-template">specforge template</a><ol>');
    expect(cli).toContain('<code>--dry-run</code>');
    const errors = pages.get('guides/error-codes/index.html')!;
    for (const code of Object.keys(errorCatalog))
      expect(errors).toContain(`<td><code>${code}</code></td>`);
    expect(errors).toContain('<a href="../cli/index.html#exit-codes">');
  });

  it('links the API reference only when docs/api has been built', () => {
    const built = existsSync(join(docsDir, 'api', 'index.html'));
    expect(pages.get('index.html')!.includes('<li><a href="api/index.html">API</a></li>')).toBe(
      built,
    );
    expect(pages.get('index.html')!.includes('<a href="api/index.html">API reference</a>')).toBe(
      built,
    );
    expect(pages.has('api/index.html')).toBe(built);
  });

  // `pnpm test` runs `turbo run typedoc` first, so there this checks the real reference.
  it.skipIf(!existsSync(join(docsDir, 'api', 'index.html')))(
    'copies the typedoc reference of every published package when docs/api has been built',
    () => {
      expect(pages.get('api/index.html')).toBe(
        readFileSync(join(docsDir, 'api', 'index.html'), 'utf8'),
      );
      const modules = pages.get('api/modules.html')!;
      for (const name of ['cli', 'core', 'docs-site', 'template-registry']) {
        expect(modules).toContain(`href="modules/_specforge_${name}.html">@specforge/${name}</a>`);
        // The package's page shows its @packageDocumentation comment with its example.
        expect(pages.get(`api/modules/_specforge_${name}.html`), name).toContain('id="example"');
      }
    },
  );
});

describe('buildDocsSite with an API reference', () => {
  it('copies docs/api into the site and links it from every page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docs-app-api-'));
    try {
      const docs = join(dir, 'docs');
      await cp(docsDir, docs, { recursive: true });
      await mkdir(join(docs, 'api'), { recursive: true });
      await writeFile(join(docs, 'api', 'index.html'), '<!doctype html><title>API</title>');
      const site = join(dir, 'site');
      const result = await buildDocsSite({ out: site, docsDir: docs });
      expect(result.api).toBe(true);
      const pages = await readSite(site);
      expect(pages.get('api/index.html')).toBe('<!doctype html><title>API</title>');
      expect(pages.get('index.html')).toContain('<li><a href="api/index.html">API</a></li>');
      expect(pages.get('guides/overlays/index.html')).toContain(
        '<li><a href="../../api/index.html">API</a></li>',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
