import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import type { Section, Spec } from './model.js';
import { parseSpec } from './parse-spec.js';
import { flattenSections } from './section-lookup.js';

// Markdown-ish fragments that exercise every branch of the parser when shuffled together.
const fragment = fc.constantFrom(
  '# Feature Specification: X',
  '# Another H1',
  '## User Scenarios & Testing *(mandatory)*',
  '### User Story 1 - Title (Priority: P1)',
  '### User Story 2a — Other (Priorité: P0) 🎯 MVP',
  '### Primary User Story',
  '### Acceptance Scenarios',
  '### Edge Cases',
  '## Requirements',
  '### Key Entities',
  '## Assumptions',
  '## Clarifications',
  '### Session 2026-01-01 (round 2)',
  '#### Deep',
  'Setext title',
  '===',
  '---',
  '...',
  '```',
  '~~~',
  '    indented code',
  '<!--',
  '-->',
  '> quoted',
  '- item',
  '  - nested item',
  '1. **Given** a, **When** b, **Then** c',
  '- **FR-001**: requirement',
  '- **SC-001**: criterion',
  '- **Entity**: description',
  '- Q: question? → A: answer',
  '**Feature Branch**: `[001-x]`',
  '**Input**: User description: "x"',
  '**Why this priority**: because',
  '**Acceptance Scenarios**:',
  'text [NEEDS CLARIFICATION: why?] and `[NEEDS CLARIFICATION: code]`',
  '[NEEDS CLARIFICATION: unclosed',
  'key: value',
  'list: [1, 2',
  '| a | b |',
  '|---|---|',
  '',
  '   ',
  'Ünïcødé 😀 text',
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const markdownish = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(fragment, lineBreak), { maxLength: 40 }))
  .map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.map(([text, br]) => text + br).join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  markdownish,
);

/** Parses, allowing only the coded front-matter error; returns the spec or undefined. */
function parseOrFrontMatterError(text: string): Spec | undefined {
  try {
    return parseSpec(text);
  } catch (error) {
    if (isSpecforgeError(error, 'SPECFORGE_FRONT_MATTER_INVALID')) return undefined;
    throw error;
  }
}

/** Every 1-based line number the model reports, with where it comes from. */
function modelLines(spec: Spec): [string, number][] {
  const out: [string, number][] = [];
  const add = (what: string, line: number | undefined) => {
    if (line !== undefined) out.push([what, line]);
  };
  add('titleLine', spec.titleLine);
  for (const f of spec.fields) add('field', f.line);
  for (const s of flattenSections(spec.sections)) {
    add('section.line', s.line);
    add('section.endLine', s.endLine);
  }
  for (const s of spec.stories) {
    add('story.line', s.line);
    add('story.endLine', s.endLine);
    for (const c of s.scenarios) add('scenario', c.line);
  }
  for (const list of [
    spec.requirements,
    spec.successCriteria,
    spec.entities,
    spec.edgeCases,
    spec.assumptions,
  ]) {
    for (const entry of list) add('entry', entry.line);
  }
  for (const session of spec.clarificationSessions) {
    add('session', session.line);
    for (const e of session.entries) add('qa', e.line);
  }
  for (const m of spec.clarifications) add('marker', m.line);
  if (spec.frontMatter) {
    add('frontMatter.line', spec.frontMatter.line);
    add('frontMatter.endLine', spec.frontMatter.endLine);
  }
  return out;
}

function checkNesting(sections: Section[], parent: Section | undefined): void {
  let previousEnd = parent ? parent.line : 0;
  for (const section of sections) {
    expect(section.line).toBeLessThanOrEqual(section.endLine);
    expect(section.line).toBeGreaterThan(previousEnd);
    if (parent) {
      expect(section.line).toBeGreaterThan(parent.line);
      expect(section.endLine).toBeLessThanOrEqual(parent.endLine);
      expect(section.level).toBeGreaterThan(parent.level);
    }
    previousEnd = section.endLine;
    checkNesting(section.children, section);
  }
}

describe('parseSpec properties', () => {
  it('throws nothing but the coded front-matter error when given any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        parseOrFrontMatterError(text);
      }),
      { numRuns: 300 },
    );
  });

  it('reports only lines that exist when given any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const spec = parseOrFrontMatterError(text);
        if (!spec) return;
        for (const [what, line] of modelLines(spec)) {
          expect({
            what,
            ok: Number.isInteger(line) && line >= 1 && line <= spec.lineCount,
          }).toEqual({ what, ok: true });
        }
        for (const m of spec.clarifications) expect(m.column).toBeGreaterThanOrEqual(1);
        // The body may start just past the last line when the front matter ends the file.
        expect(spec.bodyLine).toBeGreaterThanOrEqual(1);
        expect(spec.bodyLine).toBeLessThanOrEqual(spec.lineCount + 1);
        expect(spec.text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('nests section line ranges and keeps siblings in order when given Markdown-ish text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const spec = parseOrFrontMatterError(text);
        if (spec) checkNesting(spec.sections, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('gives section text equal to its source lines when given Markdown-ish text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const spec = parseOrFrontMatterError(text);
        if (!spec) return;
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
        for (const s of flattenSections(spec.sections)) {
          expect(s.text.split(/\r\n?|\n/)).toEqual(lines.slice(s.line - 1, s.endLine));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic when the same text is parsed twice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = parseOrFrontMatterError(text);
        const b = parseOrFrontMatterError(text);
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});
