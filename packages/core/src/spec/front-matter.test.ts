import { describe, expect, it } from 'vitest';
import { isSpecforgeError, type SpecforgeError } from '../errors/index.js';
import { parseSpec } from './parse-spec.js';

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => unknown): SpecforgeError {
  try {
    fn();
  } catch (error) {
    if (isSpecforgeError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('front matter', () => {
  it('parses a YAML mapping and offsets the body when the spec starts with ---', () => {
    const spec = parseSpec('---\nowner: team-a\ntags: [x, y]\n---\n# Title\n\n## Goals\n', {
      file: 'spec.md',
    });
    expect(spec.frontMatter).toEqual({
      data: { owner: 'team-a', tags: ['x', 'y'] },
      raw: 'owner: team-a\ntags: [x, y]\n',
      line: 1,
      endLine: 4,
    });
    expect(spec.bodyLine).toBe(5);
    expect(spec.body).toBe('# Title\n\n## Goals\n');
    expect(spec.titleLine).toBe(5);
    expect(spec.sections.map((s) => [s.path, s.line])).toEqual([['goals', 7]]);
  });

  it('ends the front matter when the closing line is ...', () => {
    const spec = parseSpec('---\na: 1\n...\nbody\n');
    expect(spec.frontMatter?.data).toEqual({ a: 1 });
    expect(spec.bodyLine).toBe(4);
  });

  it('yields an empty mapping when the front matter is empty or only comments', () => {
    expect(parseSpec('---\n---\n# T\n').frontMatter?.data).toEqual({});
    expect(parseSpec('---\n# just a comment\n---\n# T\n').frontMatter?.data).toEqual({});
  });

  it('treats a leading --- without a closing line as a thematic break', () => {
    const spec = parseSpec('---\n# Title\n\n## Section\n');
    expect(spec.frontMatter).toBeUndefined();
    expect(spec.bodyLine).toBe(1);
    expect(spec.title).toBe('Title');
    expect(spec.sections.map((s) => s.path)).toEqual(['section']);
  });

  it('is not recognised when --- is not the first line', () => {
    const spec = parseSpec('\n---\na: 1\n---\n');
    expect(spec.frontMatter).toBeUndefined();
  });

  it('parses the front matter when the text has CRLF line breaks and a BOM', () => {
    const text = '\uFEFF---\r\nowner: x\r\n---\r\n# Title\r\n';
    const spec = parseSpec(text);
    expect(spec.frontMatter?.data).toEqual({ owner: 'x' });
    expect(spec.bodyLine).toBe(4);
    expect(spec.body).toBe('# Title\r\n');
    expect(spec.text).toBe(text);
  });

  it('reports the body start past the last line when the closing line ends the file', () => {
    const spec = parseSpec('---\na: 1\n---');
    expect(spec.lineCount).toBe(3);
    expect(spec.bodyLine).toBe(4);
    expect(spec.body).toBe('');
  });

  it('throws SPECFORGE_FRONT_MATTER_INVALID at the file line and column when the YAML is invalid', () => {
    const error = thrown(() =>
      parseSpec('---\ntitle: ok\nlist: [1, 2\n---\n# T\n', { file: 'specs/a/spec.md' }),
    );
    expect(error.code).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(error.kind).toBe('usage');
    expect(error.location).toEqual({ file: 'specs/a/spec.md', line: 4, column: 1 });
    expect(error.message).toMatchInlineSnapshot(
      `"The YAML front matter is invalid: Flow sequence in block collection must be sufficiently indented and end with a ]."`,
    );
  });

  it('points at the offending key when a key is duplicated', () => {
    const error = thrown(() => parseSpec('---\na: 1\nb: 2\na: 3\n---\n'));
    expect(error.code).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(error.location).toEqual({ file: '<input>', line: 4, column: 1 });
    expect(error.message).toBe('The YAML front matter is invalid: Map keys must be unique.');
  });

  it('counts the column in code points when the line has non-ASCII text', () => {
    // The stray `]` is UTF-16 unit 13 of its line but code point 12: `😀` is one code point.
    const error = thrown(() => parseSpec('---\nk: [é, 😀, ]]\n---\n'));
    expect(error.location).toEqual({ file: '<input>', line: 2, column: 12 });
  });

  it('throws when the front matter is a list, not a mapping', () => {
    const error = thrown(() => parseSpec('---\n- a\n- b\n---\n# T\n', { file: 'spec.md' }));
    expect(error.code).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(error.location).toEqual({ file: 'spec.md', line: 2, column: 1 });
    expect(error.message).toMatchInlineSnapshot(
      `"The YAML front matter is invalid: it is a list, but front matter must be a mapping of keys to values (key: value lines)."`,
    );
  });

  it('throws when the front matter is a single value', () => {
    expect(thrown(() => parseSpec('---\njust text\n---\n')).message).toContain(
      'it is a single value',
    );
  });

  it('throws instead of expanding when the YAML is an alias bomb', () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '---',
    ].join('\n');
    const error = thrown(() => parseSpec(bomb));
    expect(error.code).toBe('SPECFORGE_FRONT_MATTER_INVALID');
    expect(error.message).toMatchInlineSnapshot(
      `"The YAML front matter is invalid: Excessive alias count indicates a resource exhaustion attack."`,
    );
  });

  it('keeps the key as plain data when the YAML has a __proto__ key', () => {
    const spec = parseSpec('---\n__proto__:\n  polluted: true\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(spec.frontMatter?.data ?? {})).toEqual(['__proto__']);
  });
});
