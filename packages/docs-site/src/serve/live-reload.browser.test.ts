import { cpSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../test-utils/chromium.js';
import { type SiteServer, serveSite } from './serve-site.js';

const chromiumPresent = hasChromium('live-reload.browser.test.ts');

const example = resolve(fileURLToPath(import.meta.url), '../../../../../examples/acme-shop');

describe.skipIf(!chromiumPresent)('live reload in Chromium', () => {
  let dir: string;
  let project: string;
  let server: SiteServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'docs-site-live-reload-')));
    project = join(dir, 'project');
    cpSync(example, project, { recursive: true });
    server = await serveSite({
      cwd: project,
      cacheDir: join(dir, 'cache'),
      port: 0,
      base: '/docs/',
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reloads an open page after an overlay edit, within the Content-Security-Policy of the site', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(new URL(server.url).origin)) foreign.push(request.url());
    });
    const url = `${server.url}templates/acme/plan/index.html`;
    // The event stream is open once the page has said which build it shows.
    const connected = page.waitForResponse((response) =>
      response.url().endsWith('/__specforge/events'),
    );
    await page.goto(url);
    await connected;
    await expect(page.locator('#s-security-review').textContent()).resolves.toBe('Security Review');

    const overlay = join(project, 'packs/acme/plan.md');
    const text = await readFile(overlay, 'utf8');
    const reloaded = page.waitForEvent('load', { timeout: 10_000 });
    const edited = Date.now();
    await writeFile(overlay, text.replace('## Security Review', '## Security and Privacy Review'));
    await reloaded;
    await page.locator('#s-security-and-privacy-review').waitFor({ timeout: 10_000 });
    console.log(
      `live reload: the page showed the edit ${Date.now() - edited} ms after it was saved`,
    );
    expect(page.url()).toBe(url);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
