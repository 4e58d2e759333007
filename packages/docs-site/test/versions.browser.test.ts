import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { hasChromium, launchChromium } from '../src/test-utils/chromium.js';
import { type StaticServer, serveStatic } from './static-server.js';
import { makeVersionsProject, type VersionsProject } from './versions-project.js';

const chromiumPresent = hasChromium('versions.browser.test.ts');
const artifacts = resolve(fileURLToPath(import.meta.url), '../../test-artifacts');

describe.skipIf(!chromiumPresent)('versions and hostile content in Chromium', () => {
  let project: VersionsProject;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const injected: string[] = [];
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    // One project has it all: a pack at three versions (and one that does not compose), whose
    // oldest version has a hostile section and whose changelog has hostile entries.
    project = await makeVersionsProject({ hostile: true });
    await buildSite({
      cwd: project.root,
      out: project.out,
      base: '/docs/',
      cacheDir: project.cacheDir,
      now: new Date('2026-01-31T00:00:00Z'),
    });
    server = await serveStatic(project.out, '/docs/');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.text().includes('INJECTED')) injected.push(message.text());
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await project?.remove();
  });

  it('switches from the template page to an earlier version and shows the changed section', async () => {
    await page.goto(`${server.url}templates/team/plan/index.html`);
    const switcher = page.getByRole('navigation', { name: 'Versions' });
    await expect(
      switcher.getByRole('link', { name: '1.2.0' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await switcher.getByRole('link', { name: '1.0.0', exact: true }).click();
    await page.waitForURL(`${server.url}templates/team/plan/v/1.0.0/index.html`);
    await expect(page.locator('h1').textContent()).resolves.toBe('team/plan 1.0.0');
    await expect(page.locator('.version-note').textContent()).resolves.toContain(
      'The current version is 1.2.0.',
    );
    // The old heading text, marked as changed since this version.
    const heading = page.locator('h4#s-background');
    await expect(heading.textContent()).resolves.toBe('Background');
    await expect(heading.isVisible()).resolves.toBe(true);
    await expect(heading.getAttribute('class')).resolves.toBe('version-changed-heading');
    const badge = page.locator(
      'section.version-changed[aria-labelledby="s-background"] .badge-version-changed',
    );
    await expect(badge.isVisible()).resolves.toBe(true);
    await expect(badge.textContent()).resolves.toBe('changed since this version');
    // The list of changes leads to it.
    await page.locator('.version-changes').getByRole('link', { name: 'Background' }).click();
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#s-background');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'template-version.png'), fullPage: true });
  });

  it('chooses two versions on the compare page and shows only their diff', async () => {
    await page.goto(`${server.url}templates/team/guide/compare/index.html`);
    const pairs = page.locator('section.compare-pair');
    const from = page.getByLabel('From', { exact: true });
    const to = page.getByLabel('To', { exact: true });
    // The previous version against the current one first.
    await expect(from.inputValue()).resolves.toBe('1.1.0');
    await expect(to.inputValue()).resolves.toBe('1.2.0');
    await expect(pairs.and(page.locator(':visible')).count()).resolves.toBe(1);

    await from.selectOption('1.0.0');
    await to.selectOption('1.1.0');
    const chosen = page.locator('section#from-1\\.0\\.0-to-1\\.1\\.0');
    await expect(chosen.isVisible()).resolves.toBe(true);
    await expect(pairs.and(page.locator(':visible')).count()).resolves.toBe(1);
    await expect(chosen.locator('del').first().textContent()).resolves.toBe(
      '- Roll out as in release 1.0.0.',
    );
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#from-1.0.0-to-1.1.0');

    // A reversed choice shows the pair the older version first, and says so.
    await from.selectOption('1.2.0');
    await to.selectOption('1.0.0');
    await expect(page.locator('section#from-1\\.0\\.0-to-1\\.2\\.0').isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator('[data-compare-status]').textContent()).resolves.toBe(
      'Showing 1.0.0 to 1.2.0: the older version first.',
    );
    await page.screenshot({ path: join(artifacts, 'template-compare.png'), fullPage: true });
  });

  it('runs no script from hostile section titles, bodies, changelog entries or errors, and shows them as text', async () => {
    const visits: [string, string][] = [
      ['templates/team/guide/v/1.0.0/index.html', "<script>console.log('INJECTED title')</script>"],
      [
        'templates/team/guide/v/1.0.0/index.html',
        "<script>console.log('INJECTED body');alert(1)</script>",
      ],
      ['templates/team/guide/compare/index.html', '+ Roll out as in release 1.2.0.'],
      [
        'packs/team/changelog/index.html',
        "<script>console.log('INJECTED changelog')</script> Hostile entry.",
      ],
      [
        'packs/team/changelog/index.html',
        "[Click me](javascript:console.log('INJECTED changelog link'))",
      ],
      ['templates/team/guide/index.html', 'maps to "<img src=x onerror=alert(1)>.md"'],
    ];
    for (const [path, text] of visits) {
      await page.goto(server.url + path);
      await expect(page.getByText(text).first().isVisible(), `${path}: ${text}`).resolves.toBe(
        true,
      );
      // Nothing of the pack became an element: no image, frame, SVG or script link.
      await expect(page.locator('main :is(img, iframe, svg, script)').count(), path).resolves.toBe(
        0,
      );
      await expect(page.locator('a[href^="javascript:" i]').count(), path).resolves.toBe(0);
    }
    // The hostile pairs of the compare page, shown one by one.
    await page.goto(`${server.url}templates/team/guide/compare/index.html#from-1.0.0-to-1.1.0`);
    await expect(
      page
        .locator('section#from-1\\.0\\.0-to-1\\.1\\.0')
        .getByText("- <script>console.log('INJECTED body');alert(1)</script>")
        .isVisible(),
    ).resolves.toBe(true);
    expect(dialogs).toEqual([]);
    expect(injected).toEqual([]);
    // The listeners do see a script that runs (the CSP blocks inline scripts as a second line).
    await page.evaluate(() => console.log('INJECTED control'));
    await expect.poll(() => injected).toEqual(['INJECTED control']);
  });

  it('reaches the search box and a template with the keyboard alone', async () => {
    await page.goto(server.url);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          search: element?.classList.contains('pagefind-ui__search-input') ?? false,
          href: element instanceof HTMLAnchorElement ? element.getAttribute('href') : null,
        };
      });
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focused()).search;
    }
    expect(reached).toBe(true);
    let href: string | null = null;
    for (let i = 0; i < 30 && !href?.startsWith('templates/'); i++) {
      await page.keyboard.press('Tab');
      href = (await focused()).href;
    }
    expect(href).toMatch(/^templates\/[^/]+\/[^/]+\/index\.html$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(server.url + href);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      href!.split('/').slice(1, 3).join('/'),
    );
  });

  it('made no request to another host and logged no error', () => {
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
