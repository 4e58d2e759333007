import { createHash } from 'node:crypto';

// Pack names and template ids are validated by the registry (lower-case letters and digits,
// `-`, `_` or `.` inside); the site does not rely on it.
const safeSegmentPattern = /^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$/;

/**
 * A single URL path segment for a pack name or template id. A name the registry allows is kept
 * as it is (`speckit`, `plan-draft`); anything else (a `/`, `..`, upper case, spaces, markup) is
 * reduced to safe characters and suffixed with a hash of the original, so two names never share
 * a segment and no segment can leave its folder.
 *
 * @example
 * ```ts
 * toUrlSegment('plan');      // 'plan'
 * toUrlSegment('../../etc'); // 'etc-3b1f0a2c'
 * ```
 */
export function toUrlSegment(name: string): string {
  if (safeSegmentPattern.test(name)) return name;
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return cleaned ? `${cleaned}-${hash}` : hash;
}

/**
 * An `id` for a section's heading, from its heading path: `s-technical-approach--architecture`.
 * Slugs keep letters of every script; anything else becomes `-`, and `/` becomes `--`.
 *
 * @example
 * ```ts
 * toSectionAnchor('technical-approach/architecture'); // 's-technical-approach--architecture'
 * ```
 */
export function toSectionAnchor(path: string): string {
  return `s-${path
    .split('/')
    .map((slug) => slug.replace(/[^\p{L}\p{N}_-]+/gu, '-'))
    .join('--')}`;
}
