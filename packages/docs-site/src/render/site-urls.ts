import { SpecforgeError } from '@specforge/core';

// A base is `/` or `/segment/…/`: URL-safe characters only, no `.` or `..` segments, so that it
// can be written into an attribute as it is and never climbs out of the host's root.
const basePattern = /^\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*$/;

/**
 * Checks and normalises the URL path a site is served from: a missing leading or trailing
 * slash is added (`docs` → `/docs/`).
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_USAGE` when the base has characters other than
 * letters, digits, `.`, `_`, `~` and `-` in its segments, or a `.` or `..` segment.
 *
 * @example
 * ```ts
 * normalizeBase('docs'); // '/docs/'
 * normalizeBase('/');    // '/'
 * ```
 */
export function normalizeBase(base: string): string {
  let normalized = base.trim();
  if (!normalized.startsWith('/')) normalized = `/${normalized}`;
  if (!normalized.endsWith('/')) normalized = `${normalized}/`;
  const dotSegment = normalized.split('/').some((segment) => segment === '.' || segment === '..');
  if (!basePattern.test(normalized) || dotSegment) {
    throw new SpecforgeError(
      'SPECFORGE_USAGE',
      { reason: `${JSON.stringify(base)} is not a valid base path for the site.` },
      {
        hint: 'Give the URL path the site is served from, e.g. / or /docs/ (letters, digits, ".", "_", "~" and "-" in each segment).',
      },
    );
  }
  return normalized;
}

/**
 * The relative prefix from a page to the site root: `''` for a page at the root,
 * `'../../../'` for `templates/acme/plan/index.html`. Links built with it work from any host and
 * any sub-path, and from the file system.
 *
 * @example
 * ```ts
 * relativeRoot('templates/acme/plan/index.html'); // '../../../'
 * ```
 */
export function relativeRoot(pagePath: string): string {
  const depth = pagePath.split('/').length - 1;
  return '../'.repeat(depth);
}

/** Where the API reference a site links to lives: another site, or a path in this one. */
export type ApiReference = { url: string } | { path: string };

// A path in the site: URL-safe characters, `/`-separated, optionally with a fragment.
const sitePathPattern = /^[A-Za-z0-9_~-][A-Za-z0-9._~/-]*(?:#[A-Za-z0-9._~-]*)?$/;

/**
 * Checks the API reference a site links to: an `http:` or `https:` URL, or a path relative to
 * the site root (`api/`, `api/index.html`) that stays inside the site.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_USAGE` for anything else (another scheme, an
 * absolute path, a `..` segment, characters that need escaping).
 *
 * @example
 * ```ts
 * normalizeApiReference('api/index.html');         // { path: 'api/index.html' }
 * normalizeApiReference('https://example.com/api'); // { url: 'https://example.com/api' }
 * ```
 */
export function normalizeApiReference(reference: string): ApiReference {
  const trimmed = reference.trim();
  if (/^https?:\/\//i.test(trimmed) && URL.canParse(trimmed)) return { url: new URL(trimmed).href };
  const segments = trimmed.split('#')[0]!.split('/');
  if (
    !sitePathPattern.test(trimmed) ||
    segments.some((segment) => segment === '.' || segment === '..')
  ) {
    throw new SpecforgeError(
      'SPECFORGE_USAGE',
      { reason: `${JSON.stringify(reference)} is not a valid API reference link for the site.` },
      {
        hint: 'Give an http(s) URL, or a path relative to the site root such as api/index.html.',
      },
    );
  }
  return { path: trimmed };
}

/**
 * The link to the API reference from a page whose root prefix is `root` (see
 * {@link relativeRoot}).
 */
export function apiReferenceHref(reference: ApiReference, root: string): string {
  return 'url' in reference ? reference.url : `${root}${reference.path}`;
}
