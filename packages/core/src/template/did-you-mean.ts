/**
 * Names that differ only in case, `-`, `_` or `.` are the same name to a human, so they are
 * compared without them.
 */
function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '');
}

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
 * (`plna` → `plan` is one edit), three rows at a time: the names compared here are short.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Picks the candidate the user most likely meant when they wrote `input`, for "did you mean"
 * hints; `undefined` when no candidate is close enough to be a useful guess.
 *
 * A candidate is close when, ignoring case, `-`, `_` and `.`, it is equal, starts with the
 * input (at least three characters), or is within a third of its length in edit distance.
 * Ties go to the earlier candidate.
 *
 * @example
 * ```ts
 * didYouMean('requiredSection', ['id', 'kind', 'requiredSections']); // 'requiredSections'
 * didYouMean('desc', ['id', 'description']); // 'description'
 * didYouMean('zzz', ['id', 'kind']); // undefined
 * ```
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalizeName(input);
  if (wanted === '') return undefined;
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const name = normalizeName(candidate);
    let score: number;
    if (name === wanted) score = 0;
    else if (wanted.length >= 3 && name.startsWith(wanted)) score = 1;
    else {
      const distance = editDistance(wanted, name);
      score =
        distance <= Math.max(1, Math.floor(Math.max(wanted.length, name.length) / 3))
          ? distance
          : Infinity;
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
