import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify, stripHeadingAnnotation } from './slug.js';

describe('slugify', () => {
  it.each([
    ['User Scenarios & Testing *(mandatory)*', 'user-scenarios-testing'],
    ['Key Entities *(include if feature involves data)*', 'key-entities'],
    ['Requirements (mandatory)', 'requirements'],
    ['用户场景与测试（必填）', '用户场景与测试'],
    ['Phase 1: [Foundation]', 'phase-1-foundation'],
    ['Kịch bản Người dùng & Kiểm thử', 'kịch-bản-người-dùng-kiểm-thử'],
    ['  --Édge   Cases--  ', 'édge-cases'],
  ])('turns %j into %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('gives ASCII titles the slug the Unicode rule gives them', () => {
    const unicodeRule = (title: string) =>
      stripHeadingAnnotation(title)
        .normalize('NFC')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
        .replace(/^-+|-+$/g, '');
    const title = fc.string({ unit: fc.constantFrom(...'aZ09 -_*()[]:&.\t'.split('')) });
    fc.assert(
      fc.property(fc.oneof(title, fc.string({ unit: 'binary-ascii' })), (text) => {
        expect(slugify(text)).toBe(unicodeRule(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stripHeadingAnnotation', () => {
  it('stays fast on long runs of blanks', () => {
    // Quadratic matching took over a second on this input; linear takes well under that.
    const title = `a${' '.repeat(200_000)}b (x)`;
    expect(stripHeadingAnnotation(title)).toBe(`a${' '.repeat(200_000)}b`);
  });

  it('keeps a title that is only an annotation', () => {
    expect(stripHeadingAnnotation('*(optional)*')).toBe('*(optional)*');
  });
});
