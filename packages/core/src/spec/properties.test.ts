import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  anySpecText as anyText,
  loadCorpusSpecs,
  loadOwnSpecs,
  markdownishSpec as markdownish,
  mutatedSpec,
} from '../test-utils/spec-text.js';
import { decodeUtf8 } from '../text/decode-utf8.js';
import type { Section, Spec } from './model.js';
import { parseSpec } from './parse-spec.js';
import { flattenSections } from './section-lookup.js';

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
      fuzzParameters(300),
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
      fuzzParameters(300),
    );
  });

  it('nests section line ranges and keeps siblings in order when given Markdown-ish text', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const spec = parseOrFrontMatterError(text);
        if (spec) checkNesting(spec.sections, undefined);
      }),
      fuzzParameters(300),
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
      fuzzParameters(200),
    );
  });

  it('is deterministic when the same text is parsed twice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = parseOrFrontMatterError(text);
        const b = parseOrFrontMatterError(text);
        expect(b).toEqual(a);
      }),
      fuzzParameters(200),
    );
  });
});

/** The lines of `text` as the spec model counts them: after a BOM, split at every line break. */
function documentLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
}

/** True when 1-based `line` and `column` (in code points) fall on `lines`, or just past a line's end. */
function isInside(lines: readonly string[], line: number, column: number): boolean {
  const text = lines[line - 1];
  return (
    text !== undefined &&
    Number.isInteger(column) &&
    column >= 1 &&
    column <= Array.from(text).length + 1
  );
}

/**
 * Parses `text` and checks every position: each line the model reports is a line of the text,
 * each clarification marker's line and column point at its `[`, and a thrown error is the coded
 * front-matter error placed inside the document. Returns the spec, or undefined after the error.
 */
function parseAndCheckPositions(text: string): Spec | undefined {
  const lines = documentLines(text);
  let spec: Spec;
  try {
    spec = parseSpec(text, { file: 'spec.md' });
  } catch (error) {
    if (!isSpecforgeError(error)) throw error;
    expect(error.code).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(error.location?.file).toBe('spec.md');
    const { line = 1, column = 1 } = error.location ?? {};
    expect({ line, column, inside: isInside(lines, line, column) }).toEqual({
      line,
      column,
      inside: true,
    });
    return undefined;
  }
  expect(spec.text).toBe(text);
  expect(spec.lineCount).toBe(lines.length);
  const outside = modelLines(spec).filter(
    ([, line]) => !(Number.isInteger(line) && line >= 1 && line <= spec.lineCount),
  );
  expect(outside).toEqual([]);
  for (const marker of spec.clarifications) {
    expect(isInside(lines, marker.line, marker.column)).toBe(true);
    expect(Array.from(lines[marker.line - 1]!)[marker.column - 1]).toBe('[');
  }
  expect(spec.bodyLine).toBeGreaterThanOrEqual(1);
  expect(spec.bodyLine).toBeLessThanOrEqual(spec.lineCount + 1);
  return spec;
}

/**
 * Decodes `bytes` as the CLI reads a spec (invalid UTF-8 → U+FFFD with a warning position),
 * checks the warnings point at their U+FFFD, then parses and checks positions twice over.
 */
function checkSpecBytes(bytes: Uint8Array): void {
  const decoded = decodeUtf8(bytes);
  // The warnings count lines as the spec model does, so `spec.md:line:column` is the same place.
  // (A second BOM, left in the text, is a character to the decoder: no stripping here.)
  const lines = decoded.text.split(/\r\n?|\n/);
  for (const bad of decoded.invalid) {
    expect({ ...bad, at: Array.from(lines[bad.line - 1] ?? '')[bad.column - 1] }).toEqual({
      ...bad,
      at: '\uFFFD',
    });
  }
  const first = parseAndCheckPositions(decoded.text);
  // Parsing is deterministic: the same text (a fresh copy of it) gives an equal model.
  let again: Spec | undefined;
  try {
    again = parseSpec(decoded.text.slice(0), { file: 'spec.md' });
  } catch (error) {
    if (!isSpecforgeError(error, 'SPECFORGE_FRONT_MATTER_INVALID')) throw error;
  }
  expect(again).toEqual(first);
}

describe('parseSpec positions', () => {
  it('reports lines, marker columns and error locations inside the document when given any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        parseAndCheckPositions(text);
      }),
      fuzzParameters(300),
    );
  });
});

const ownSpecs = loadOwnSpecs();
const corpusSpecs = loadCorpusSpecs();
if (corpusSpecs.length === 0) {
  console.warn(
    'Skipping the mutated real-spec properties: ../shared/corpus/real/specs is not beside the repository.',
  );
}

describe('parseSpec on mutated specs', () => {
  it('has fixtures to mutate', () => {
    expect(ownSpecs.length).toBeGreaterThanOrEqual(10);
  });

  it('throws only the coded front-matter error, keeps positions inside and is deterministic when this repository’s specs are mutated', () => {
    fc.assert(
      fc.property(mutatedSpec(ownSpecs), ({ bytes }) => checkSpecBytes(bytes)),
      fuzzParameters(150),
    );
  });

  it.skipIf(corpusSpecs.length === 0)(
    'throws only the coded front-matter error, keeps positions inside and is deterministic when the real-spec corpus is mutated',
    () => {
      fc.assert(
        fc.property(mutatedSpec(corpusSpecs), ({ bytes }) => checkSpecBytes(bytes)),
        fuzzParameters(100),
      );
    },
  );
});
