import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  endings,
  expectChangesKept,
  markerLine,
  threeWay,
} from '../test-utils/generated-templates.js';
import { mergeNormalizedTexts } from './_merge-text.js';
import { conflictMarkers } from './_output.js';
import { mergeTemplate } from './merge-template.js';

// Generated templates (test-utils/generated-templates.ts): headings of level 2–4, and edits of
// every kind on both sides.
const shape = {
  words: ['Text', '- item', '1. step', '**Goal:**', 'Use {{spec.title}} for'],
  maxLevel: 4,
  maxSections: 8,
  endings,
};
const scenario = threeWay(shape);

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

describe('mergeTemplate', () => {
  it('keeps every line a side added and drops every line it removed when given random edits', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, theirs }) => {
        const { text } = mergeTemplate({ base, ours, theirs });
        // The fork's changes survive, and upstream's just the same.
        expectChangesKept(text, base, ours, theirs);
        expectChangesKept(text, base, theirs, ours);
      }),
      fuzzParameters(numRuns),
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
      fuzzParameters(numRuns),
    );
  });

  it('gives the same result when merging the same texts twice', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(mergeTemplate({ ...input })).toEqual(mergeTemplate({ ...input }));
      }),
      fuzzParameters(numRuns),
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
      fuzzParameters(numRuns),
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
      fuzzParameters(numRuns),
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
      fuzzParameters(numRuns),
    );
  });
});
