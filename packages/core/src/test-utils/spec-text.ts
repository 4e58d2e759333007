import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

// Spec texts for property tests: Markdown-ish text shuffled from the fragments that exercise
// every branch of the spec parser, any string, and real specs (this repository's fixtures and
// example, and the shared corpus when it is there) with their bytes mutated.

/** Markdown-ish fragments that exercise every branch of the spec parser when shuffled together. */
export const specFragment = fc.constantFrom(
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

/** Every line break the spec parser knows. */
export const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

/** Fragments joined by any line break, behind an optional BOM. */
export const markdownishSpec = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(specFragment, lineBreak), { maxLength: 40 }))
  .map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.map(([text, br]) => text + br).join(''));

/** Any string: full Unicode, lone surrogates and control characters, or Markdown-ish text. */
export const anySpecText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  markdownishSpec,
);

/** A spec file's name and bytes. */
export interface SpecSample {
  name: string;
  bytes: Uint8Array;
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the shared corpus of real specs is (beside the repository; absent in a fresh clone). */
export const corpusSpecDir = resolve(repoRoot, '../shared/corpus/real/specs');

function readSamples(dir: string, names: readonly string[], prefix: string): SpecSample[] {
  return names.map((name) => ({
    name: `${prefix}${name}`,
    bytes: new Uint8Array(readFileSync(resolve(dir, name))),
  }));
}

/**
 * This repository's own specs: the spec parser's golden fixtures, the plan-draft fixtures and
 * the example project's specs.
 */
export function loadOwnSpecs(): SpecSample[] {
  const fixtures = resolve(repoRoot, 'packages/core/src/spec/__fixtures__');
  const drafts = resolve(repoRoot, 'packages/core/src/template/__fixtures__/plan-draft');
  const examples = resolve(repoRoot, 'examples/acme-shop/specs');
  const sorted = (names: string[]) => [...names].sort();
  return [
    ...readSamples(
      fixtures,
      sorted(readdirSync(fixtures)).map((dir) => `${dir}/spec.md`),
      'spec/__fixtures__/',
    ),
    ...readSamples(
      drafts,
      sorted(readdirSync(drafts).filter((name) => name.endsWith('.spec.md'))),
      'template/__fixtures__/plan-draft/',
    ),
    ...readSamples(
      examples,
      sorted(readdirSync(examples))
        .map((dir) => `${dir}/spec.md`)
        .filter((path) => existsSync(resolve(examples, path))),
      'examples/acme-shop/specs/',
    ),
  ];
}

/** The shared corpus's real specs, or none when the corpus is absent. */
export function loadCorpusSpecs(): SpecSample[] {
  if (!existsSync(corpusSpecDir)) return [];
  const names = readdirSync(corpusSpecDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  return readSamples(corpusSpecDir, names, 'corpus/real/specs/');
}

/** One change to a spec file's bytes. */
export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; with: number }
  | { kind: 'insert-fragment'; at: number; text: string }
  | { kind: 'set-byte'; at: number; byte: number }
  | { kind: 'line-break'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'bom' };

const encoder = new TextEncoder();

/** The lines of `bytes`, each with its `\n` (the last one without, when the file lacks it). */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `bytes` after `mutation`; positions are taken modulo the size, so any number fits. */
export function mutateBytes(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const lines = splitLines(bytes);
  const lineAt = (n: number) => n % Math.max(1, lines.length);
  switch (mutation.kind) {
    case 'delete-line':
      lines.splice(lineAt(mutation.at), 1);
      return concat(lines);
    case 'duplicate-line': {
      const line = lines[lineAt(mutation.at)];
      if (line) lines.splice(lineAt(mutation.at), 0, line);
      return concat(lines);
    }
    case 'swap-lines': {
      const a = lineAt(mutation.at);
      const b = lineAt(mutation.with);
      if (lines[a] && lines[b]) [lines[a], lines[b]] = [lines[b], lines[a]];
      return concat(lines);
    }
    case 'insert-fragment':
      lines.splice(mutation.at % (lines.length + 1), 0, encoder.encode(mutation.text));
      return concat(lines);
    case 'set-byte': {
      if (bytes.length === 0) return Uint8Array.of(mutation.byte);
      const out = new Uint8Array(bytes);
      out[mutation.at % bytes.length] = mutation.byte;
      return out;
    }
    case 'line-break': {
      // Turns one `\n` into `\r`, `\r\n` or nothing (joining two lines).
      const index = lineAt(mutation.at);
      const line = lines[index];
      if (line && line[line.length - 1] === 0x0a) {
        lines[index] = concat([line.subarray(0, -1), encoder.encode(mutation.text)]);
      }
      return concat(lines);
    }
    case 'truncate':
      // Anywhere, so also inside a multi-byte character.
      return bytes.subarray(0, mutation.at % (bytes.length + 1));
    case 'bom':
      return concat([Uint8Array.of(0xef, 0xbb, 0xbf), bytes]);
  }
}

// Bytes that break UTF-8 (continuation bytes, overlong and out-of-range leads), plus a few that
// are valid on their own and some Markdown punctuation.
const mutationByte = fc.oneof(
  fc.integer({ min: 0x80, max: 0xff }),
  fc.constantFrom(0xc0, 0xc1, 0xed, 0xf4, 0xf5, 0xff, 0x0d, 0x0a, 0x00, 0x60, 0x7e, 0x23, 0x7c),
);

/** One mutation: line edits, fragments, invalid UTF-8, line-break changes, truncation, a BOM. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line', 'duplicate-line'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines'), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('insert-fragment'),
    at: fc.nat(),
    text: fc
      .tuple(fc.oneof(specFragment, fc.string({ maxLength: 20 })), lineBreak)
      .map(([text, br]) => text + br),
  }),
  fc.record({ kind: fc.constant('set-byte'), at: fc.nat(), byte: mutationByte }),
  fc.record({
    kind: fc.constant('line-break'),
    at: fc.nat(),
    text: fc.constantFrom('\r', '\r\n', ''),
  }),
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.constant({ kind: 'bom' } as const),
);

/** A sample and the bytes it has after 1–6 mutations. */
export interface MutatedSpec {
  name: string;
  mutations: Mutation[];
  bytes: Uint8Array;
}

/** One of `samples`, mutated 1–6 times. */
export function mutatedSpec(samples: readonly SpecSample[]): fc.Arbitrary<MutatedSpec> {
  if (samples.length === 0) throw new Error('mutatedSpec needs at least one sample');
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([sample, mutations]) => ({
      name: sample.name,
      mutations,
      bytes: mutations.reduce(mutateBytes, sample.bytes),
      // A counterexample names the sample and its mutations instead of printing every byte.
      [fc.toStringMethod]: () => `${sample.name} after ${JSON.stringify(mutations)}`,
    }));
}
