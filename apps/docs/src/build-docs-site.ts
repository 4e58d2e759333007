import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgram } from '@specforge/cli';
import { type BuildSiteResult, buildSite, type ExtraGuide } from '@specforge/docs-site';
import { renderCliReference } from './cli-reference.js';
import { renderErrorCodes } from './error-codes.js';

/** This app's folder: a specforge project of its own that uses only the built-in packs. */
export const appDir = fileURLToPath(new URL('..', import.meta.url));
/** The repository, whose `docs/` holds the guides. */
export const repoDir = resolve(appDir, '../..');

/**
 * The guides in reading order: the ones a new reader needs first, then the reference pages.
 * A guide of `docs/` not named here is listed after these, by name.
 */
export const guideOrder = [
  'getting-started',
  'concepts',
  'templates',
  'overlays',
  'upgrades',
  'merging',
  'sources',
  'import',
  'export',
  'configuration',
  'rendering',
  'spec-model',
  'checks',
  'provenance',
  'turbo',
  'safety',
  'cli',
  'cli-reference',
  'error-codes',
  'api',
];

/** Options for {@link buildDocsSite}. */
export interface BuildDocsSiteOptions {
  /** The site folder; `dist/site` of this app by default. */
  out?: string;
  /** The guides folder; the repository's `docs/` by default. */
  docsDir?: string;
  /** The date the example plans see as `today`. */
  now?: Date;
}

/** What {@link buildDocsSite} built. */
export interface BuildDocsSiteResult extends BuildSiteResult {
  /** Whether the typedoc API reference (`docs/api/`) was copied into the site and linked. */
  api: boolean;
}

/** The generated guides: the CLI reference and the error-code reference. */
export function generatedGuides(): ExtraGuide[] {
  return [
    {
      slug: 'cli-reference',
      title: 'CLI reference',
      markdown: renderCliReference(createProgram()),
    },
    { slug: 'error-codes', title: 'Error codes', markdown: renderErrorCodes() },
  ];
}

/**
 * Builds specforge's own docs site with `@specforge/docs-site`: the built-in template packs
 * (this app is a project with no packs of its own), the guides of `docs/`, the CLI and
 * error-code references generated from the code, and the typedoc API reference when
 * `docs/api/index.html` has been built (copied to `api/` in the site and linked).
 */
export async function buildDocsSite(
  options: BuildDocsSiteOptions = {},
): Promise<BuildDocsSiteResult> {
  const docsDir = options.docsDir ?? join(repoDir, 'docs');
  const apiDir = join(docsDir, 'api');
  const api = existsSync(join(apiDir, 'index.html'));
  const result = await buildSite({
    cwd: appDir,
    out: options.out ?? join(appDir, 'dist', 'site'),
    // Only the built-in packs, which are never cloned; the folder is there for the option.
    cacheDir: join(appDir, 'node_modules', '.cache', 'specforge'),
    now: options.now,
    guides: { dir: docsDir, order: guideOrder },
    extraGuides: generatedGuides(),
    apiReference: api ? 'api/index.html' : undefined,
  });
  if (api) await cp(apiDir, join(result.out, 'api'), { recursive: true });
  return { ...result, api };
}
