import fc from 'fast-check';
import { expect } from 'vitest';

// Generated templates and plans for the three-way merge properties (template merge, copy-fork
// upgrade, plan rebase): a title, an introduction and a list of sections, each a heading and a
// paragraph of lines; edits change, add and remove lines and sections, rename, move and
// re-level sections. Every line and title carries a unique id (`b3` in the base, `o3` in lines
// the fork or the user wrote, `t3` in upstream's or the new render's), so "the lines a side
// added" is a plain set difference and a line can only be in a result because some side has it.

/** One section: its heading level, title and lines. */
export interface GenSection {
  level: number;
  title: string;
  lines: string[];
}

/** A generated document. */
export interface GenDoc {
  intro: string[];
  sections: GenSection[];
  ending: string;
}

/** The document endings edits switch between. */
export const endings = ['', '\n', '\n\n'] as const;

/** The document's text: `# Plan`, the introduction, then each section, blocks a blank line apart. */
export function renderDoc(doc: GenDoc): string {
  const blocks = ['# Plan'];
  if (doc.intro.length > 0) blocks.push(doc.intro.join('\n'));
  for (const section of doc.sections) {
    blocks.push(`${'#'.repeat(section.level)} ${section.title}`);
    if (section.lines.length > 0) blocks.push(section.lines.join('\n'));
  }
  return blocks.join('\n\n') + doc.ending;
}

/** What documents and edits look like. */
export interface DocShape {
  /** The start of every line (an id follows it). */
  words: readonly string[];
  /** The deepest heading level (the shallowest is 2). */
  maxLevel: number;
  /** At most this many sections. */
  maxSections: number;
  /** The endings a base document may have. */
  endings: readonly string[];
}

/** Base documents: ids `b0`, `b1`, … on every line and title. */
export function generatedDoc(shape: DocShape): fc.Arbitrary<GenDoc> {
  const word = fc.constantFrom(...shape.words);
  return fc
    .record({
      intro: fc.array(word, { maxLength: 2 }),
      sections: fc.array(
        fc.record({
          level: fc.integer({ min: 2, max: shape.maxLevel }),
          lines: fc.array(word, { maxLength: 4 }),
        }),
        { maxLength: shape.maxSections },
      ),
      ending: fc.constantFrom(...shape.endings),
    })
    .map(({ intro, sections, ending }): GenDoc => {
      let id = 0;
      return {
        intro: intro.map((w) => `${w} b${id++}`),
        sections: sections.map((section) => ({
          level: section.level,
          title: `Title b${id++}`,
          lines: section.lines.map((w) => `${w} b${id++}`),
        })),
        ending,
      };
    });
}

/** What one edit does. */
export type EditKind =
  | 'edit-line'
  | 'add-line'
  | 'remove-line'
  | 'add-section'
  | 'remove-section'
  | 'rename-section'
  | 'move-section'
  | 'relevel-section'
  | 'edit-intro'
  | 'ending';

/** Every edit kind. */
export const allEditKinds: readonly EditKind[] = [
  'edit-line',
  'add-line',
  'remove-line',
  'add-section',
  'remove-section',
  'rename-section',
  'move-section',
  'relevel-section',
  'edit-intro',
  'ending',
];

/** One edit; `at` and `line` pick a section and a line modulo their counts. */
export interface Edit {
  kind: EditKind;
  at: number;
  line: number;
  level: number;
  word: string;
}

/** One edit of one of `kinds`. */
export function generatedEdit(shape: DocShape, kinds: readonly EditKind[]): fc.Arbitrary<Edit> {
  return fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.nat({ max: 50 }),
    line: fc.nat({ max: 50 }),
    level: fc.integer({ min: 2, max: shape.maxLevel }),
    word: fc.constantFrom(...shape.words),
  });
}

/** Up to five edits of `kinds`. */
export function generatedEdits(
  shape: DocShape,
  kinds: readonly EditKind[] = allEditKinds,
): fc.Arbitrary<Edit[]> {
  return fc.array(generatedEdit(shape, kinds), { maxLength: 5 });
}

/**
 * The document after `list`, with new lines and titles marked by `prefix`. The sections titled
 * in `keep` are left alone (neither picked nor moved; others may still move around them).
 */
export function applyEdits(
  doc: GenDoc,
  list: readonly Edit[],
  prefix: string,
  keep: readonly string[] = [],
): GenDoc {
  const out: GenDoc = {
    intro: [...doc.intro],
    sections: doc.sections.map((s) => ({ ...s, lines: [...s.lines] })),
    ending: doc.ending,
  };
  let id = 0;
  const fresh = (w: string) => `${w} ${prefix}${id++}`;
  for (const edit of list) {
    const others = out.sections.filter((s) => !keep.includes(s.title));
    const section = others.length > 0 ? others[edit.at % others.length]! : undefined;
    const index = section ? out.sections.indexOf(section) : -1;
    const lines = section?.lines;
    switch (edit.kind) {
      case 'edit-line':
        if (lines && lines.length > 0) lines[edit.line % lines.length] = fresh(edit.word);
        break;
      case 'add-line':
        lines?.splice(edit.line % (lines.length + 1), 0, fresh(edit.word));
        break;
      case 'remove-line':
        if (lines && lines.length > 0) lines.splice(edit.line % lines.length, 1);
        break;
      case 'add-section':
        out.sections.splice(edit.at % (out.sections.length + 1), 0, {
          level: edit.level,
          title: fresh('Title'),
          lines: [fresh(edit.word)],
        });
        break;
      case 'remove-section':
        if (section) out.sections.splice(index, 1);
        break;
      case 'rename-section':
        if (section) section.title = fresh('Title');
        break;
      case 'move-section':
        if (section) {
          out.sections.splice(index, 1);
          out.sections.splice(edit.line % (out.sections.length + 1), 0, section);
        }
        break;
      case 'relevel-section':
        if (section) section.level = edit.level;
        break;
      case 'edit-intro':
        if (out.intro.length > 0) out.intro[edit.line % out.intro.length] = fresh(edit.word);
        else out.intro.push(fresh(edit.word));
        break;
      case 'ending':
        out.ending = endings[edit.line % endings.length]!;
        break;
    }
  }
  return out;
}

/** A base and two sides edited from it: `ours` (ids `o…`) and `theirs` (ids `t…`). */
export interface ThreeWay {
  base: string;
  ours: string;
  theirs: string;
}

/** Three-way scenarios of documents of `shape`, each side edited with `kinds`. */
export function threeWay(
  shape: DocShape,
  kinds: readonly EditKind[] = allEditKinds,
): fc.Arbitrary<ThreeWay> {
  return fc
    .tuple(generatedDoc(shape), generatedEdits(shape, kinds), generatedEdits(shape, kinds))
    .map(([doc, oursEdits, theirsEdits]) => ({
      base: renderDoc(doc),
      ours: renderDoc(applyEdits(doc, oursEdits, 'o')),
      theirs: renderDoc(applyEdits(doc, theirsEdits, 't')),
    }));
}

/** A line that opens, separates or closes a conflict block. */
export const markerLine = /^(?:<{7}|\|{7}|={7}|>{7})(?: |$)/;

/** How many times each line occurs. */
export function countLines(lines: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of lines) map.set(line, (map.get(line) ?? 0) + 1);
  return map;
}

/** Each line of `text` → the heading it sits under (itself for a heading). */
function owners(text: string): Map<string, string> {
  const map = new Map<string, string>();
  let heading = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) heading = line;
    map.set(line, heading);
  }
  return map;
}

/** The lines of `text` outside conflict blocks. */
export function outsideConflicts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('<<<<<<<')) depth++;
    else if (line.startsWith('>>>>>>>')) depth--;
    else if (depth === 0) out.push(line);
  }
  return out;
}

/**
 * Every line `side` added (relative to `base`) is in `text`, merged in or inside a conflict
 * block; every non-blank base line `side` removed is absent outside conflict blocks, unless
 * `other` added it again (one more copy, or the line under another heading: a section renamed
 * and rewritten is a new section).
 */
export function expectChangesKept(text: string, base: string, side: string, other: string): void {
  const baseCounts = countLines(base.split('\n'));
  const sideCounts = countLines(side.split('\n'));
  const otherCounts = countLines(other.split('\n'));
  const result = new Set(text.split('\n'));
  const outside = countLines(outsideConflicts(text));
  const lost = [...sideCounts].filter(
    ([line, n]) => n > (baseCounts.get(line) ?? 0) && !result.has(line),
  );
  expect(lost.map(([line]) => line)).toEqual([]);
  const baseOwners = owners(base);
  const otherOwners = owners(other);
  for (const [line, n] of baseCounts) {
    if (line.trim() === '' || (sideCounts.get(line) ?? 0) >= n) continue;
    if ((otherCounts.get(line) ?? 0) > n) continue;
    if (otherOwners.has(line) && otherOwners.get(line) !== baseOwners.get(line)) continue;
    expect(outside.get(line) ?? 0).toBeLessThanOrEqual(sideCounts.get(line) ?? 0);
  }
}
