import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSectionAnchor, toUrlSegment } from './url-segment.js';

describe('toUrlSegment', () => {
  it('keeps names the registry allows', () => {
    expect(['speckit', 'plan-draft', 'a.b_c', 'v2'].map(toUrlSegment)).toEqual([
      'speckit',
      'plan-draft',
      'a.b_c',
      'v2',
    ]);
  });

  it('reduces anything else to one safe segment with a hash of the original', () => {
    expect(toUrlSegment('../../etc')).toMatch(/^etc-[0-9a-f]{8}$/);
    expect(toUrlSegment('..')).toMatch(/^[0-9a-f]{8}$/);
    expect(toUrlSegment('a/b')).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(toUrlSegment('A/B')).not.toBe(toUrlSegment('a/b'));
  });

  it('never yields a segment that is empty, a dot segment, or holds a slash, backslash or markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const segment = toUrlSegment(name);
        expect(segment).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
        expect(segment).not.toMatch(/\.\./);
      }),
    );
  });
});

describe('toSectionAnchor', () => {
  it('joins slugs with a double dash and keeps letters of every script', () => {
    expect(toSectionAnchor('technical-approach/architecture')).toBe(
      's-technical-approach--architecture',
    );
    expect(toSectionAnchor('exigences/précisions')).toBe('s-exigences--précisions');
    expect(toSectionAnchor('a"b<c')).toBe('s-a-b-c');
  });
});
