import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNormalizedTexts } from './_merge-text.js';
import { conflictMarkers } from './_output.js';
import { mergeTemplate } from './merge-template.js';

// Generated templates: a title, an introduction and a list of sections, each a heading of level
// 2–4 and a paragraph of lines; edits change, add and remove lines and sections, rename, move
// and re-level sections. Every line and title carries a unique id (`b3` in the base, `o3`
// in lines the fork wrote, `t3` in upstream's), so "the lines ours added" is a plain set
// difference and a line can only be in the result because some side has it.

interface GenSection {
  level: number;
  title: string;
  lines: string[];
}

interface GenDoc {
  intro: string[];
  sections: GenSection[];
  ending: string;
}

const word = fc.constantFrom('Text', '- item', '1. step', '**Goal:**', 'Use {{spec.title}} for');
const endings = ['', '\n', '\n\n'] as const;

function render(doc: GenDoc): string {
  const blocks = ['# Plan'];
  if (doc.intro.length > 0) blocks.push(doc.intro.join('\n'));
  for (const section of doc.sections) {
    blocks.push(`${'#'.repeat(section.level)} ${section.title}`);
    if (section.lines.length > 0) blocks.push(section.lines.join('\n'));
  }
  return blocks.join('\n\n') + doc.ending;
}

const baseDoc = fc
  .record({
    intro: fc.array(word, { maxLength: 2 }),
    sections: fc.array(
      fc.record({ level: fc.integer({ min: 2, max: 4 }), lines: fc.array(word, { maxLength: 4 }) }),
      { maxLength: 8 },
    ),
    ending: fc.constantFrom(...endings),
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

type EditKind =
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

interface Edit {
  kind: EditKind;
  at: number;
  line: number;
  level: number;
  word: string;
}

const edits = fc.array(
  fc.record({
    kind: fc.constantFrom<EditKind>(
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
    ),
    at: fc.nat({ max: 50 }),
    line: fc.nat({ max: 50 }),
    level: fc.integer({ min: 2, max: 4 }),
    word,
  }),
  { maxLength: 5 },
);

/** The document after `list`, with new lines and titles marked by `prefix`. */
function applyEdits(doc: GenDoc, list: readonly Edit[], prefix: string): GenDoc {
  const out: GenDoc = {
    intro: [...doc.intro],
    sections: doc.sections.map((s) => ({ ...s, lines: [...s.lines] })),
    ending: doc.ending,
  };
  let id = 0;
  const fresh = (w: string) => `${w} ${prefix}${id++}`;
  for (const edit of list) {
    const count = out.sections.length;
    const section = count > 0 ? out.sections[edit.at % count]! : undefined;
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
        out.sections.splice(edit.at % (count + 1), 0, {
          level: edit.level,
          title: fresh('Title'),
          lines: [fresh(edit.word)],
        });
        break;
      case 'remove-section':
        if (count > 0) out.sections.splice(edit.at % count, 1);
        break;
      case 'rename-section':
        if (section) section.title = fresh('Title');
        break;
      case 'move-section':
        if (section) {
          out.sections.splice(edit.at % count, 1);
          out.sections.splice(edit.line % count, 0, section);
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

const scenario = fc.tuple(baseDoc, edits, edits).map(([doc, oursEdits, theirsEdits]) => ({
  base: render(doc),
  ours: render(applyEdits(doc, oursEdits, 'o')),
  theirs: render(applyEdits(doc, theirsEdits, 't')),
}));

// Unrelated Markdown-ish texts: fences, setext underlines, front matter, a second H1, Handlebars
// and any ending, so the three sides disagree about structure in every way.
const fragment = fc.constantFrom(
  '# Title',
  '# Another H1',
  '## Section',
  '## Section',
  '### Sub {{spec.title}}',
  '#### Deep',
  'Setext',
  '===',
  '---',
  '```',
  '<!--',
  '-->',
  '- item',
  '| a | b |',
  'key: value',
  '',
  '   ',
);
const markdownish = fc
  .array(fragment, { maxLength: 25 })
  .chain((parts) => fc.constantFrom('', '\n').map((end) => parts.join('\n') + end));

const numRuns = 200;
const markerLine = /^(?:<{7}|\|{7}|={7}|>{7})(?: |$)/;

function counts(lines: readonly string[]): Map<string, number> {
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
function outsideConflicts(text: string): string[] {
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
 * Every line `side` added (relative to `base`) is in `text`; every non-blank base line `side`
 * removed is absent outside conflict blocks, unless `other` added it again (one more copy, or
 * the line under another heading: a section renamed and rewritten is a new section).
 */
function expectChangesKept(text: string, base: string, side: string, other: string): void {
  const baseCounts = counts(base.split('\n'));
  const sideCounts = counts(side.split('\n'));
  const otherCounts = counts(other.split('\n'));
  const result = new Set(text.split('\n'));
  const outside = counts(outsideConflicts(text));
  for (const [line, n] of sideCounts) {
    if (n > (baseCounts.get(line) ?? 0)) expect(result.has(line)).toBe(true);
  }
  const baseOwners = owners(base);
  const otherOwners = owners(other);
  for (const [line, n] of baseCounts) {
    if (line.trim() === '' || (sideCounts.get(line) ?? 0) >= n) continue;
    if ((otherCounts.get(line) ?? 0) > n) continue;
    if (otherOwners.has(line) && otherOwners.get(line) !== baseOwners.get(line)) continue;
    expect(outside.get(line) ?? 0).toBeLessThanOrEqual(sideCounts.get(line) ?? 0);
  }
}

describe('mergeTemplate', () => {
  it('keeps every line a side added and drops every line it removed when given random edits', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, theirs }) => {
        const { text } = mergeTemplate({ base, ours, theirs });
        // The fork's changes survive, and upstream's just the same.
        expectChangesKept(text, base, ours, theirs);
        expectChangesKept(text, base, theirs, ours);
      }),
      { numRuns },
    );
  });

  it('returns the changed side when the other side is the base or both sides agree', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours }) => {
        expect(mergeTemplate({ base, ours: base, theirs: ours }).text).toBe(ours);
        expect(mergeTemplate({ base, ours, theirs: base }).text).toBe(ours);
        expect(mergeTemplate({ base, ours, theirs: ours }).text).toBe(ours);
        // The full merge, without the shortcuts, agrees.
        const markers = conflictMarkers({ ours: 'ours', base: 'base', theirs: 'theirs' });
        expect(mergeNormalizedTexts(base, base, ours, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
        expect(mergeNormalizedTexts(base, ours, base, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
        expect(mergeNormalizedTexts(base, ours, ours, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
      }),
      { numRuns },
    );
  });

  it('gives the same result when merging the same texts twice', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(mergeTemplate({ ...input })).toEqual(mergeTemplate({ ...input }));
      }),
      { numRuns },
    );
  });

  it('writes markers only for reported conflicts when given random edits', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const result = mergeTemplate(input);
        const lines = result.text.split('\n');
        const opening = lines.flatMap((line, i) => (line.startsWith('<<<<<<< ') ? [i + 1] : []));
        expect(result.clean).toBe(result.conflicts.length === 0);
        expect(result.conflicts.map((c) => c.line)).toEqual(opening);
        if (result.clean) expect(lines.filter((line) => markerLine.test(line))).toEqual([]);
        for (const conflict of result.conflicts) {
          expect(lines[conflict.line - 1]).toBe('<<<<<<< ours');
          expect(lines[conflict.endLine - 1]).toBe('>>>>>>> theirs');
        }
      }),
      { numRuns },
    );
  });

  it('reports conflicts in the same sections when ours and theirs are swapped', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, theirs }) => {
        const key = (c: { section: string; kind: string }) => `${c.kind} ${c.section}`;
        const forward = mergeTemplate({ base, ours, theirs }).conflicts.map(key).sort();
        const backward = mergeTemplate({ base, ours: theirs, theirs: ours })
          .conflicts.map(key)
          .sort();
        expect(backward).toEqual(forward);
      }),
      { numRuns },
    );
  });

  it('returns the changed side and reports only real markers when given unrelated Markdown', () => {
    const markers = conflictMarkers({ ours: 'ours', base: 'base', theirs: 'theirs' });
    fc.assert(
      fc.property(markdownish, markdownish, markdownish, (base, ours, theirs) => {
        expect(mergeNormalizedTexts(base, base, ours, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
        expect(mergeNormalizedTexts(base, ours, base, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
        expect(mergeNormalizedTexts(base, ours, ours, markers)).toEqual({
          text: ours,
          conflicts: [],
        });
        const result = mergeTemplate({ base, ours, theirs });
        const lines = result.text.split('\n');
        expect(result.conflicts.map((c) => lines[c.line - 1])).toEqual(
          result.conflicts.map(() => '<<<<<<< ours'),
        );
        if (result.clean) expect(lines.filter((line) => markerLine.test(line))).toEqual([]);
      }),
      { numRuns },
    );
  });
});
