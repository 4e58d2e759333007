import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { markdownishSpec as markdownish } from '../test-utils/spec-text.js';
import type { Section } from './model.js';
import { parseSections } from './parse-sections.js';
import { parseSpec } from './parse-spec.js';

/** `sections` with every line number moved by `by`. */
function shifted(sections: readonly Section[], by: number): Section[] {
  return sections.map((section) => ({
    ...section,
    line: section.line + by,
    endLine: section.endLine + by,
    children: shifted(section.children, by),
  }));
}

describe('parseSections', () => {
  it('gives the outline parseSpec gives a spec with no front matter', () => {
    const text = '# Plan\n\n## Summary\n\nText.\n\n### Detail\n\n## Risks\n';
    expect(parseSections(text)).toEqual(parseSpec(text).sections);
    expect(parseSections(text).map((section) => section.path)).toEqual(['summary', 'risks']);
  });

  it('reads a leading --- as Markdown, not as front matter', () => {
    // A thematic break, then `title: x` underlined: a setext heading.
    const sections = parseSections('---\ntitle: x\n---\n\n## Summary\n');
    expect(sections.map((section) => [section.title, section.line])).toEqual([
      ['title: x', 2],
      ['Summary', 5],
    ]);
  });

  it('counts lines after a BOM from the first line', () => {
    expect(parseSections('\uFEFF## A\n\n## B\n').map((section) => section.line)).toEqual([1, 3]);
  });

  it('equals parseSpec on the same text behind a blank line, for any Markdown-ish text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
        // A blank first line keeps parseSpec from reading front matter and changes no block.
        const expected = shifted(parseSpec(`\n${text.slice(bom)}`).sections, -1);
        expect(parseSections(text)).toEqual(expected);
      }),
      fuzzParameters(300),
    );
  });
});
