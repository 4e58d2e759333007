import { SpecforgeError } from '@specforge/core';
import type * as DocsSite from '@specforge/docs-site';

/** The package `specforge docs` runs on: an optional peer of the CLI. */
export const DOCS_SITE_PACKAGE = '@specforge/docs-site';

/** The API of {@link DOCS_SITE_PACKAGE}. */
export type DocsSiteModule = typeof DocsSite;

/** Imports {@link DOCS_SITE_PACKAGE}; tests pass another to play a project without it. */
export type DocsSiteImporter = () => Promise<DocsSiteModule>;

const importDocsSite: DocsSiteImporter = () => import('@specforge/docs-site');

/**
 * Loads the site generator for `specforge <command>`. It is imported here, on demand, so that
 * `--help`, `--version` and `plan` never load it, and it is an optional peer so that installing
 * the CLI never installs it.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_DOCS_SITE_MISSING` (exit 2) naming the package to add
 * when it is not installed. A package that is installed but fails to load (one of its own
 * dependencies missing, say) is not reported as missing: that error is rethrown as it is.
 */
export async function loadDocsSite(
  command: string,
  importer: DocsSiteImporter = importDocsSite,
): Promise<DocsSiteModule> {
  try {
    return await importer();
  } catch (error) {
    if (isPackageMissing(error, DOCS_SITE_PACKAGE))
      throw new SpecforgeError('SPECFORGE_DOCS_SITE_MISSING', { command }, { cause: error });
    throw error;
  }
}

/**
 * True when `error` is Node's failure to find the package `name` itself, as opposed to a module
 * inside it or a package it imports (`Cannot find package '<name>' imported from …`).
 */
export function isPackageMissing(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  return (
    (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
    error.message.startsWith(`Cannot find package '${name}' `)
  );
}
