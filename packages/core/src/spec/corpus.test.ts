import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Spec } from './model.js';
import { parseSpec } from './parse-spec.js';

// Real specs from public repositories live beside the repository, in ../shared (see
// shared/corpus/README.md); they are never copied into it. Without them these tests skip.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/real/specs');
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the real-spec corpus tests: ${corpus} does not exist.`);

const files = present
  ? readdirSync(corpus)
      .filter((f) => f.endsWith('.md'))
      .sort()
  : [];
const cache = new Map<string, Spec>();

/** Parses a corpus spec; bytes decoded as editors do (one file has an invalid byte → U+FFFD). */
function load(name: string): Spec {
  let spec = cache.get(name);
  if (!spec) {
    const text = new TextDecoder('utf-8').decode(readFileSync(resolve(corpus, name)));
    spec = parseSpec(text, { file: name });
    cache.set(name, spec);
  }
  return spec;
}

describe.skipIf(!present)('real-spec corpus (../shared/corpus/real/specs)', () => {
  it.each(files)('parses %s without an error when decoded as UTF-8', (name) => {
    const spec = load(name);
    expect(spec.sections.length).toBeGreaterThan(0);
    for (const section of spec.sections) {
      expect(section.line).toBeGreaterThanOrEqual(1);
      expect(section.endLine).toBeLessThanOrEqual(spec.lineCount);
    }
  });

  it('finds stories and requirements in every spec, success criteria in all but the 2025 ones', () => {
    expect(files).toHaveLength(40);
    const specs = files.map(load);
    expect(specs.filter((s) => s.stories.length > 0)).toHaveLength(40);
    expect(specs.filter((s) => s.requirements.length > 0)).toHaveLength(40);
    expect(specs.filter((s) => s.successCriteria.length === 0).map((s) => s.file)).toEqual([
      '001.md',
      '002.md',
      '004.md',
      '005.md',
      '006.md',
    ]);
    expect(specs.filter((s) => s.stories.some((story) => story.legacy)).map((s) => s.file)).toEqual(
      ['001.md', '002.md', '004.md', '005.md', '006.md'],
    );
  });

  it('reads the four prioritised stories of 003 (newer template)', () => {
    const spec = load('003.md');
    expect(
      spec.stories.map((s) => [s.id, s.priority, s.title, s.scenarios.length, s.line]),
    ).toEqual([
      ['US1', 'P1', 'Filter Activities by Type', 4, 10],
      ['US2', 'P2', 'Search Activities by Name', 5, 27],
      ['US3', 'P3', 'Filter Activities by Date Range', 4, 45],
      ['US4', 'P3', 'Combine Filters and Search', 3, 62],
    ]);
    expect(spec.requirements.map((r) => r.id)).toEqual(
      Array.from({ length: 14 }, (_, i) => `FR-${String(i + 1).padStart(3, '0')}`),
    );
    expect(spec.successCriteria).toHaveLength(4);
    expect(spec.stories.flatMap((s) => s.scenarios).every((c) => c.then !== undefined)).toBe(true);
  });

  it('reads the em-dash story headings of 010', () => {
    expect(load('010.md').stories.map((s) => [s.id, s.priority, s.title])).toEqual([
      ['US1', 'P1', 'Admin Creates and Manages Store Locations'],
      ['US2', 'P2', 'Admin Toggles Store Visibility'],
      ['US3', 'P2', 'Public Visitor Finds a Store Near Them'],
      ['US4', 'P3', 'Public Visitor Explores Stores on a Map'],
      ['US5', 'P4', 'Admin Reorders Store Display Sequence'],
    ]);
  });

  it('finds the three markers of 002 and the legacy story', () => {
    const spec = load('002.md');
    expect(spec.clarifications).toEqual([
      { text: 'Should we prioritize one source or allow user selection?', line: 20, column: 65 },
      { text: 'Should we implement versioning or just error handling?', line: 21, column: 75 },
      { text: 'Should we cache data and for how long?', line: 22, column: 58 },
    ]);
    expect(spec.stories.map((s) => [s.id, s.legacy, s.scenarios.length])).toEqual([
      ['US1', true, 4],
    ]);
  });

  it('finds the markers of 005 outside its code block, despite its invalid byte', () => {
    const spec = load('005.md');
    expect(spec.text).toContain('\uFFFD');
    // 20 markers in the file; the four in the fenced Execution Flow block are template text.
    expect(spec.clarifications).toHaveLength(16);
    expect(spec.clarifications.every((c) => c.line >= 50)).toBe(true);
  });

  it('reads the lettered Japanese stories of 018', () => {
    expect(load('018.md').stories.map((s) => `${s.id}:${s.priority}`)).toEqual([
      'US1:P0',
      'US2:P0',
      'US3:P1',
      'US4:P0',
      'US4a:P0',
      'US4b:P0',
      'US5:P0',
      'US6:P0',
      'US6a:P0',
      'US6b:P1',
      'US6c:P1',
    ]);
  });

  it('reads the clarification sessions of 013, one of them suffixed', () => {
    expect(
      load('013.md').clarificationSessions.map((s) => [s.date, s.title, s.entries.length]),
    ).toEqual([
      ['2026-06-27', 'Session 2026-06-27', 23],
      ['2026-06-27', 'Session 2026-06-27 (round 2)', 4],
    ]);
  });

  it('reads translated specs: Spanish branch in brackets, German stories and ids', () => {
    expect(load('028.md')).toMatchObject({ branch: '002-mejorar-reportes-analiticos' });
    expect(load('028.md').stories.map((s) => `${s.id}:${s.priority}`)).toEqual([
      'US1:P1',
      'US2:P1',
      'US3:P2',
      'US4:P3',
    ]);
    expect(load('036.md').stories.map((s) => `${s.id}:${s.priority}`)).toEqual([
      'US1:P1',
      'US2:P2',
      'US3:P3',
      'US4:P4',
      'US5:P5',
    ]);
    const german = load('035.md');
    expect(german.requirements.map((r) => r.id).slice(0, 3)).toEqual([
      'FA-001',
      'FA-002',
      'FA-003',
    ]);
    expect(german.successCriteria.map((r) => r.id).slice(0, 3)).toEqual([
      'EK-001',
      'EK-002',
      'EK-003',
    ]);
  });
});
