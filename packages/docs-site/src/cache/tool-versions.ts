import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bumped whenever this package changes what it caches or how it renders in a way its version
 * does not show (a change between releases, in the repository): part of every cache key.
 */
export const CACHE_REVISION = 1;

/** The versions of the code that renders what the build cache holds; part of its keys. */
export interface ToolVersions {
  docsSite: string;
  core: string;
  registry: string;
  /** The Handlebars `@specforge/core` renders example plans with. */
  coreHandlebars: string;
  eleventy: string;
  /** The Handlebars the pages are rendered with. */
  handlebars: string;
  pagefind: string;
  markdownIt: string;
  diff: string;
}

let versions: ToolVersions | undefined;

/**
 * Set by rolldown.config.ts in dist/bundle/: the versions of `@specforge/core` and
 * `@specforge/template-registry` bundled there, which are the ones that run, whatever is installed.
 */
declare const __SPECFORGE_DOCS_BUNDLE__: { core: string; registry: string } | undefined;
const bundled =
  typeof __SPECFORGE_DOCS_BUNDLE__ === 'undefined' ? undefined : __SPECFORGE_DOCS_BUNDLE__;

/**
 * The installed versions of this package and of the packages that render what the build cache
 * holds, read once per process from their `package.json` files, found as Node resolves them
 * (`node_modules` of each folder up from this package). A package that cannot be found reads as
 * `unknown`: its output is then keyed by the other versions only.
 */
export function readToolVersions(): ToolVersions {
  if (!versions) {
    const own = ownPackageDir(dirname(fileURLToPath(import.meta.url)));
    const core = packageDir('@specforge/core', own);
    versions = {
      docsSite: versionIn(own),
      core: bundled?.core ?? versionIn(core),
      registry: bundled?.registry ?? versionIn(packageDir('@specforge/template-registry', own)),
      // The bundled core loads Handlebars as this package does.
      coreHandlebars: versionIn(packageDir('handlebars', bundled ? own : core)),
      eleventy: versionIn(packageDir('@11ty/eleventy', own)),
      handlebars: versionIn(packageDir('handlebars', own)),
      pagefind: versionIn(packageDir('pagefind', own)),
      markdownIt: versionIn(packageDir('markdown-it', own)),
      diff: versionIn(packageDir('diff', own)),
    };
  }
  return versions;
}

/** This package's folder: the nearest one up from `from` (dist/cache/, dist/bundle/ or src/cache/) with a package.json. */
function ownPackageDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The real folder of package `name` as seen from the package folder `from`, if any. */
function packageDir(name: string, from: string | undefined): string | undefined {
  if (from === undefined) return undefined;
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    // Not installed here: Node looks in the parent folder's node_modules next.
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

function versionIn(dir: string | undefined): string {
  if (!dir) return 'unknown';
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
