/** Hands out heading ids for one document. See {@link createHeadingSlugger}. */
export interface HeadingSlugger {
  /** The id of the next heading whose text is `text`; never one handed out before. */
  slug(text: string): string;
}

/**
 * The slug GitHub gives a heading (as `github-slugger` computes it): lower case, every character
 * but letters, marks, digits, `_`, `-` and spaces removed, spaces turned into `-`. So
 * `` `speckit/plan-draft` `` becomes `speckitplan-draft` and `User Scenarios & Testing`
 * becomes `user-scenarios--testing`, and links written for GitHub (`overlays.md#whole-file-strategies`)
 * keep working on the site.
 *
 * @example
 * ```ts
 * githubSlug('Keeping hand edits: `--rebase`'); // 'keeping-hand-edits---rebase'
 * ```
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * A slugger that numbers repeated headings as GitHub does (`setup`, `setup-1`, `setup-2`) and
 * never returns one of `reserved` (ids the page itself uses, such as `main`): a heading that
 * would take one gets the next number instead. A heading with no letter or digit gets `section`.
 *
 * @example
 * ```ts
 * const slugger = createHeadingSlugger(['main']);
 * slugger.slug('Setup'); // 'setup'
 * slugger.slug('Setup'); // 'setup-1'
 * slugger.slug('Main');  // 'main-1'
 * ```
 */
export function createHeadingSlugger(reserved: Iterable<string> = []): HeadingSlugger {
  const occurrences = new Map<string, number>();
  for (const id of reserved) occurrences.set(id, 0);
  return {
    slug(text) {
      const original = githubSlug(text) || 'section';
      let result = original;
      while (occurrences.has(result)) {
        const count = occurrences.get(original)! + 1;
        occurrences.set(original, count);
        result = `${original}-${count}`;
      }
      occurrences.set(result, 0);
      return result;
    },
  };
}
