import { describe, expect, it } from 'vitest';
import type { Section } from './model.js';
import { parseSpec } from './parse-spec.js';
import { findSection, flattenSections } from './section-lookup.js';

/** `path line-endLine` for every section, in document order. */
const outline = (text: string) =>
  flattenSections(parseSpec(text).sections).map((s) => `${s.path} ${s.line}-${s.endLine}`);

describe('sections', () => {
  it('uses the H2s as roots when the first heading is the only H1', () => {
    expect(outline('# Feature Specification: X\n\n## A\n\n### A1\n\n## B\n')).toEqual([
      'a 3-5',
      'a/a1 5-5',
      'b 7-7',
    ]);
  });

  it('keeps every H1 as a section when there are several', () => {
    expect(outline('# One\n\n## A\n\n# Two\n')).toEqual(['one 1-3', 'one/a 3-3', 'two 5-5']);
    expect(parseSpec('# One\n\n# Two\n').title).toBe('One');
  });

  it('keeps a later H1 as a section when the first heading is not an H1', () => {
    const spec = parseSpec('## Intro\n\n# Main\n\n## Sub\n');
    expect(spec.title).toBeUndefined();
    expect(outline('## Intro\n\n# Main\n\n## Sub\n')).toEqual([
      'intro 1-1',
      'main 3-5',
      'main/sub 5-5',
    ]);
  });

  it('nests a heading under the nearest lower level when levels are skipped', () => {
    expect(outline('# T\n\n## A\n\n#### Deep\n\n### Mid\n')).toEqual([
      'a 3-7',
      'a/deep 5-5',
      'a/mid 7-7',
    ]);
  });

  it('starts a section on its text line when the heading is setext', () => {
    const text = 'Title\n=====\n\nPart one\nstill the heading\n---\n\nbody\n';
    const spec = parseSpec(text);
    expect(spec.title).toBe('Title');
    expect(spec.sections).toEqual([
      {
        title: 'Part one still the heading',
        slug: 'part-one-still-the-heading',
        path: 'part-one-still-the-heading',
        level: 2,
        line: 4,
        endLine: 8,
        text: 'Part one\nstill the heading\n---\n\nbody',
        children: [],
      },
    ]);
  });

  it('ignores # lines when they are in fenced, tilde-fenced or indented code or HTML comments', () => {
    const text = [
      '# T',
      '',
      '## Real',
      '',
      '```',
      '# not a heading',
      '```',
      '',
      '~~~md',
      '## not a heading',
      '~~~',
      '',
      '    # not a heading',
      '',
      '<!--',
      '## not a heading',
      '-->',
      '',
      '> ## quoted, not a section',
      '',
      '- ## in a list item, not a section',
    ].join('\n');
    expect(outline(text)).toEqual(['real 3-21']);
  });

  it('suffixes paths when sibling slugs repeat and names empty slugs', () => {
    expect(outline('# T\n## Notes\n## Notes\n## Notes-2\n## 🎯\n## !!!\n')).toEqual([
      'notes 2-2',
      'notes-2 3-3',
      'notes-2-2 4-4',
      'section 5-5',
      'section-2 6-6',
    ]);
  });

  it('drops an annotation from the slug but not the title when a heading has *(mandatory)*', () => {
    const [section] = parseSpec('# T\n\n## User Scenarios & Testing *(mandatory)*\n').sections;
    expect(section).toMatchObject({
      title: 'User Scenarios & Testing *(mandatory)*',
      slug: 'user-scenarios-testing',
    });
  });

  it('keeps section text byte-exact without trailing blank lines when lines end in CRLF', () => {
    const text = '# T\r\n\r\n## A\r\nline one  \r\nline two\r\n\r\n\r\n## B\r\n';
    const [a] = parseSpec(text).sections;
    expect(a?.endLine).toBe(5);
    expect(a?.text).toBe('## A\r\nline one  \r\nline two');
  });

  it('counts lines of the original text when it has a BOM and CRLF line breaks', () => {
    const spec = parseSpec('\uFEFF# Title\r\n\r\n## One\r\n\r\n## Two\r\n');
    expect(spec.title).toBe('Title');
    expect(spec.body).toBe('# Title\r\n\r\n## One\r\n\r\n## Two\r\n');
    expect(spec.lineCount).toBe(6);
    expect(outline('\uFEFF# Title\r\n\r\n## One\r\n\r\n## Two\r\n')).toEqual([
      'one 3-3',
      'two 5-5',
    ]);
  });

  it('counts lines when line breaks are a lone CR', () => {
    expect(outline('# T\r\r## A\rtext\r## B')).toEqual(['a 3-4', 'b 5-5']);
  });

  it('yields no sections when the text has no headings', () => {
    const spec = parseSpec('Just a paragraph.\n\n- and a list\n');
    expect(spec.sections).toEqual([]);
    expect(spec.title).toBeUndefined();
  });
});

describe('findSection', () => {
  it('finds a section by its path when it is nested', () => {
    const spec = parseSpec(
      '# T\n\n## Requirements *(mandatory)*\n\n### Functional Requirements\n\n- x\n',
    );
    const found: Section | undefined = findSection(
      spec.sections,
      'requirements/functional-requirements',
    );
    expect(found).toMatchObject({ title: 'Functional Requirements', line: 5, endLine: 7 });
    expect(findSection(spec.sections, 'nope')).toBeUndefined();
  });
});
