import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, the only browser the browser tests drive (never a downloaded one). */
export const chromiumPath = '/usr/bin/chromium';

/** True when Debian's `chromium` package is installed; browser tests skip (with a note) otherwise. */
export function hasChromium(test: string): boolean {
  const present = existsSync(chromiumPath);
  if (!present) console.warn(`${test}: skipped, ${chromiumPath} is not installed.`);
  return present;
}

/**
 * Launches headless Chromium as this machine needs it: no sandbox (root in CI), no GPU, and no
 * background networking, whose connections a closed network refuses at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
