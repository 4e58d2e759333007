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
 * The installed versions of this package and of the packages that render what the build cache
 * holds, read once per process from their `package.json` files, found as Node resolves them
 * (`node_modules` of each folder up from the importing package). A package that cannot be found
 * reads as `unknown`: its output is then keyed by the other versions only.
 */
export function readToolVersions(): ToolVersions {
  if (!versions) {
    const own = join(dirname(fileURLToPath(import.meta.url)), '../..');
    const core = packageDir('@specforge/core', own);
    versions = {
      docsSite: versionIn(own),
      core: versionIn(core),
      registry: versionIn(packageDir('@specforge/template-registry', own)),
      coreHandlebars: versionIn(core && packageDir('handlebars', core)),
      eleventy: versionIn(packageDir('@11ty/eleventy', own)),
      handlebars: versionIn(packageDir('handlebars', own)),
      pagefind: versionIn(packageDir('pagefind', own)),
      markdownIt: versionIn(packageDir('markdown-it', own)),
      diff: versionIn(packageDir('diff', own)),
    };
  }
  return versions;
}

/** The real folder of package `name` as seen from the package folder `from`, if any. */
function packageDir(name: string, from: string): string | undefined {
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
