import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeFolders, SpecforgeError } from '@specforge/core';

/** The file that marks a folder as a site this package built, so a rebuild may replace it. */
export const SITE_MARKER_FILE = '.specforge-docs-site';

/**
 * Refuses an output folder that holds anything but a site built earlier: `out` must not exist,
 * be empty, or contain {@link SITE_MARKER_FILE}. A mistyped `--out .` then never deletes a
 * project.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_OUTPUT_UNWRITABLE` otherwise.
 */
export async function assertReplaceableSite(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (!info) return;
  const reason = !info.isDirectory()
    ? 'it is not a folder'
    : (await readdir(out)).length > 0 &&
        !(await stat(join(out, SITE_MARKER_FILE)).catch(() => undefined))
      ? `it is not empty and holds no ${SITE_MARKER_FILE} file, so it is not a site specforge built`
      : undefined;
  if (reason) {
    throw new SpecforgeError(
      'SPECFORGE_OUTPUT_UNWRITABLE',
      { file: out, reason },
      { hint: 'Choose an empty or new folder for the site; nothing was written.' },
    );
  }
}

/** A fresh folder beside `out` to build the site in, so that `out` changes only once it is complete. */
export async function makeStagingFolder(out: string): Promise<string> {
  // Not `mkdir(…, { recursive: true })`, which never settles under /proc (see makeFolders).
  await makeFolders(dirname(out));
  const staging = await mkdtemp(join(dirname(out), `.${basename(out)}-building-`));
  await writeFile(
    join(staging, SITE_MARKER_FILE),
    'A site built by @specforge/docs-site; a rebuild replaces this folder.\n',
  );
  return staging;
}

/** Puts the complete site `staging` in the place of `out`, removing the previous site. */
export async function replaceSiteFolder(staging: string, out: string): Promise<void> {
  const previous = await stat(out).catch(() => undefined);
  if (!previous) {
    await rename(staging, out);
    return;
  }
  const old = `${staging}-previous`;
  await rename(out, old);
  await rename(staging, out);
  await rm(old, { recursive: true, force: true });
}
