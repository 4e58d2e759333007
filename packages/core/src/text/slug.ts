/**
 * Spec Kit marks sections with suffixes such as `*(mandatory)*` or `*(include if feature
 * involves data)*`, sometimes without the asterisks or with full-width parentheses. They are
 * annotations, not part of the name, so matching ignores them.
 */
const annotationSuffix = /(?:[*_]{1,2})?[(（][^()（）]*[)）](?:[*_]{1,2})?$/u;

/** Removes a trailing `*(mandatory)*`-style annotation from a heading title. */
export function stripHeadingAnnotation(title: string): string {
  // Matching on the trimmed title with no leading `\s*` keeps the regex linear on long blanks.
  const stripped = title.trimEnd().replace(annotationSuffix, '');
  // A title that is nothing but an annotation keeps it: better than an empty name.
  return stripped.trim() === '' ? title.trim() : stripped.trim();
}

/**
 * Turns a heading title into a stable, URL-safe slug: lower case, letters and digits of any
 * script kept, every other run of characters collapsed to one `-`.
 *
 * @example
 * ```ts
 * slugify('User Scenarios & Testing *(mandatory)*'); // 'user-scenarios-testing'
 * slugify('Phase 1: [Foundation]'); // 'phase-1-foundation'
 * ```
 */
export function slugify(title: string): string {
  const name = stripHeadingAnnotation(title);
  // Printable ASCII titles, nearly all of them, take the same steps with a plain character class:
  // there the letters and digits of any script are [a-z0-9] once lower-cased, and NFC changes
  // nothing. (The Unicode class costs milliseconds to compile, once per process.)
  const slug = printableAscii.test(name)
    ? name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    : name
        .normalize('NFC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-');
  return slug.replace(/^-+|-+$/g, '');
}

const printableAscii = /^[ -~]*$/;
