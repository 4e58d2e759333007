import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSpecforgeError } from '@specforge/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DocsSiteImporter, isPackageMissing, loadDocsSite } from './load-docs-site.js';
import { runAction } from './run-action.js';

const made: string[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * An importer that runs `import(specifier)` from a folder outside the workspace, where no package
 * is installed: Node's own error for a project without the package, without uninstalling it.
 */
async function importerOutsideWorkspace(specifier: string): Promise<DocsSiteImporter> {
  const dir = await mkdtemp(join(tmpdir(), 'specforge-no-docs-site-'));
  made.push(dir);
  const file = join(dir, 'importer.mjs');
  await writeFile(file, `export default () => import(${JSON.stringify(specifier)});\n`);
  const { default: importer } = (await import(pathToFileURL(file).href)) as {
    default: DocsSiteImporter;
  };
  return importer;
}

describe('loadDocsSite', () => {
  it('loads @specforge/docs-site when it is installed', async () => {
    const docsSite = await loadDocsSite('docs build');
    expect(typeof docsSite.buildSite).toBe('function');
    expect(typeof docsSite.serveSite).toBe('function');
  });

  it('says which package to add when @specforge/docs-site is not installed', async () => {
    const importer = await importerOutsideWorkspace('@specforge/docs-site');
    const error = await loadDocsSite('docs serve', importer).catch((caught: unknown) => caught);
    expect(isSpecforgeError(error, 'SPECFORGE_DOCS_SITE_MISSING')).toBe(true);
    expect((error as Error).message).toBe(
      'specforge docs serve needs the @specforge/docs-site package, which is not installed; nothing was built.',
    );
    expect((error as { hint: string }).hint).toContain('pnpm add -D @specforge/docs-site');
    expect((error as { hint: string }).hint).toContain(
      'npm install --save-dev @specforge/docs-site',
    );
  });

  it('exits 2 with the error and its hint on stderr when run as an action', async () => {
    const importer = await importerOutsideWorkspace('@specforge/docs-site');
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    await runAction({}, async () => {
      await loadDocsSite('docs build', importer);
      return 0;
    });
    expect(process.exitCode).toBe(2);
    expect(stderr.join('')).toMatch(
      /^error SPECFORGE_DOCS_SITE_MISSING: specforge docs build needs the @specforge\/docs-site package, which is not installed; nothing was built\.\n {2}hint: Add it where @specforge\/cli is installed: /,
    );
  });

  it('passes on other failures to load, such as a dependency of the package that is missing', async () => {
    const importer = await importerOutsideWorkspace('@11ty/eleventy');
    const error = await loadDocsSite('docs build', importer as DocsSiteImporter).catch(
      (caught: unknown) => caught,
    );
    expect(isSpecforgeError(error)).toBe(false);
    expect((error as NodeJS.ErrnoException).code).toBe('ERR_MODULE_NOT_FOUND');
  });
});

describe('isPackageMissing', () => {
  it('matches the package itself, not a module inside it or a package with a longer name', () => {
    const missing = (message: string) =>
      Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
    const name = '@specforge/docs-site';
    expect(
      isPackageMissing(missing(`Cannot find package '${name}' imported from /a/b.js`), name),
    ).toBe(true);
    expect(
      isPackageMissing(missing(`Cannot find package '${name}-x' imported from /a.js`), name),
    ).toBe(false);
    expect(
      isPackageMissing(
        missing(`Cannot find module '/n/${name}/dist/index.js' imported from /a.js`),
        name,
      ),
    ).toBe(false);
    expect(
      isPackageMissing(new Error(`Cannot find package '${name}' imported from /a.js`), name),
    ).toBe(false);
  });
});
