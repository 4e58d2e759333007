import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { hasChromium, launchChromium } from '../src/test-utils/chromium.js';
import { type StaticServer, serveStatic } from './static-server.js';

const chromiumPresent = hasChromium('site.browser.test.ts');

const here = fileURLToPath(import.meta.url);
const example = resolve(here, '../../../../examples/acme-shop');
const artifacts = resolve(here, '../../test-artifacts');

describe.skipIf(!chromiumPresent)('the example site in Chromium', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-site-browser-'));
    const out = join(dir, 'site');
    // Served under a sub-path, as from a project's pages host.
    await buildSite({
      cwd: example,
      out,
      base: '/docs/',
      cacheDir: join(dir, 'cache'),
      now: new Date('2026-01-31T00:00:00Z'),
    });
    server = await serveStatic(out, '/docs/');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the home page, follows a template link, and shows the blame of the overridden section', async () => {
    await page.goto(server.url);
    await expect(page.title()).resolves.toBe('Acme Shop: templates');
    await page.getByRole('link', { name: 'acme/plan', exact: true }).first().click();
    await page.waitForURL(`${server.url}templates/acme/plan/index.html`);
    const stack = page.locator(
      'section.tpl-section[aria-labelledby="s-technical-approach--technology-stack"]',
    );
    await expect(stack.locator('.section-head .blame').textContent()).resolves.toBe(
      'from acme@1.2.0 plan.md:8',
    );
    await stack.locator('details.diff summary').click();
    await expect(stack.locator('.diff-lines ins').first().isVisible()).resolves.toBe(true);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'template-acme-plan.png'), fullPage: true });
  });

  it('finds a section title with the search box and follows the result', async () => {
    await page.goto(server.url);
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('Security Review');
    const result = page.locator('.pagefind-ui__result-link', { hasText: 'acme/plan' }).first();
    await result.waitFor({ timeout: 10_000 });
    await result.click();
    await page.waitForURL(/\/docs\/templates\/acme\/plan\/index\.html/);
    await expect(page.locator('h1').textContent()).resolves.toBe('acme/plan');
  });

  it('is usable with the keyboard: the skip link comes first and leads to the main content', async () => {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Skip to main content',
    );
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    // Tabbing on from the main content reaches the search box.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.classList.contains('pagefind-ui__search-input') ?? false,
      );
    }
    expect(reached).toBe(true);
  });

  it('reads at 375 px without horizontal scrolling of the page', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    for (const path of ['', 'templates/acme/plan/index.html']) {
      await phone.goto(server.url + path);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await phone.close();
  });

  it('made no request to another host and logged no error', () => {
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
