import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp folder, removed after the test. */
export async function makeTempDir(prefix = 'docs-site-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Makes a project (its own root: it has a `.git` folder) in a temp folder from an inline tree. */
export async function makeProject(files: Record<string, string>): Promise<string> {
  const dir = await makeTempDir('docs-site-project-');
  await mkdir(join(dir, '.git'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The HTML pages of a built site, by path. */
export async function readPages(dir: string): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    if (file.endsWith('.html') && !file.startsWith('pagefind/'))
      pages.set(file, await readFile(join(dir, file), 'utf8'));
  }
  return pages;
}

/** A pack manifest that extends the built-in speckit pack. */
export function forkManifest(
  name: string,
  templates: Record<string, string>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    name: `${name}-templates`,
    version: '2.0.0',
    private: true,
    ...extra,
    specforge: { name, extends: '@specforge/templates-speckit@^1.0.0', templates },
  });
}
