// Any character outside ASCII sends the text the long way.
const nonAscii = /[\u0080-\uffff]/;

/**
 * Loose matching of headings and labels across languages: `Unabhängiger Test`,
 * `unabhangiger test` and `UNABHÄNGIGER-TEST` all have the key `unabhangiger test`.
 */
export function normalizeKey(text: string): string {
  // ASCII has nothing to decompose and no marks: the same key, several times faster.
  if (!nonAscii.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A compiled list of phrases; see {@link matchesPhrase}. */
export interface PhraseList {
  /** One pattern for all phrases: Latin-script ones as whole words, others as substrings. */
  readonly pattern: RegExp;
}

const latinOnly = /^[\p{Script=Latin}\p{N} ]+$/u;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Normalises and compiles phrases once, at module load. Phrases in scripts written without
 * spaces between words (CJK) are matched as substrings; Latin ones as whole words, so `us`
 * does not match `status`.
 */
export function phrases(...list: string[]): PhraseList {
  const words: string[] = [];
  const fragments: string[] = [];
  for (const phrase of list) {
    const key = normalizeKey(phrase);
    if (key === '') continue;
    (latinOnly.test(key) ? words : fragments).push(escapeRegExp(key));
  }
  const alternatives: string[] = [];
  if (words.length > 0) alternatives.push(`(?:^| )(?:${words.join('|')})(?= |$)`);
  if (fragments.length > 0) alternatives.push(`(?:${fragments.join('|')})`);
  // `(?!)` never matches: an empty list matches nothing.
  return { pattern: new RegExp(alternatives.join('|') || '(?!)', 'u') };
}

/** True when the key of `text` contains one of the phrases. */
export function matchesPhrase(text: string, list: PhraseList): boolean {
  return matchesKey(normalizeKey(text), list);
}

/** {@link matchesPhrase} for a key already made by {@link normalizeKey}. */
export function matchesKey(key: string, list: PhraseList): boolean {
  return key !== '' && list.pattern.test(key);
}
