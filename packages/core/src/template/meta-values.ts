import type { SpecforgeError } from '../errors/specforge-error.js';
import { slugify } from '../text/slug.js';

/** Builds the `SPECFORGE_TEMPLATE_META_INVALID` error for a reason, at an offset of the YAML. */
export type Fail = (reason: string, offset?: number) => SpecforgeError;
/** The YAML offset of the key or value at a path of the front matter. */
export type At = (path: readonly (string | number)[], part?: 'key' | 'value') => number | undefined;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names a YAML value's type (and a scalar's value) for an error message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

/**
 * Why `path` is not a heading path (slugs joined by `/`, as the spec parser writes them), to
 * follow the path in a message; `undefined` when it is one.
 */
export function sectionPathProblem(path: string): string | undefined {
  const segments = path.split('/');
  if (segments.every((segment) => segment !== '' && slugify(segment) === segment)) return undefined;
  const suggestion = segments
    .map((segment) => slugify(segment))
    .filter(Boolean)
    .join('/');
  return `is not a heading path: each part is a heading's slug (lower case, "-" between words), parts separated by "/"${suggestion ? `, e.g. ${suggestion}` : ''}.`;
}
