/**
 * Heading levels of Markdown embedded in a page, in document order: each heading moves by
 * `shift`, and never lands more than one level below the heading before it (`previous`), so a
 * page's outline never skips a level whatever the template's own headings do. Levels stay
 * within 1–6.
 */
export interface HeadingLevels {
  /** Added to every heading's own level. */
  shift: number;
  /** The level of the page's last heading so far. */
  previous: number;
}

/**
 * The page level of the next heading, whose own level is `level`; advances `levels`.
 *
 * @example
 * ```ts
 * const levels = { shift: 2, previous: 2 };
 * nextHeadingLevel(levels, 1); // 3
 * nextHeadingLevel(levels, 3); // 4, not 5: one below the previous heading at most
 * ```
 */
export function nextHeadingLevel(levels: HeadingLevels, level: number): number {
  const next = Math.min(6, Math.max(1, Math.min(level + levels.shift, levels.previous + 1)));
  levels.previous = next;
  return next;
}
