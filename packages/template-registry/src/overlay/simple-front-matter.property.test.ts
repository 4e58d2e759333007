import { isSpecforgeError } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { readOverlayFrontMatter, readOverlayFrontMatterWithYaml } from './_front-matter.js';
import { readSimpleOverlayKeys } from './_simple-front-matter.js';

/** What a reading gives: the front matter, or the error, by the fields a user sees. */
function outcome(read: () => unknown): unknown {
  try {
    return { ok: read() };
  } catch (error) {
    if (!isSpecforgeError(error)) throw error;
    return { code: error.code, message: error.message, location: error.location, hint: error.hint };
  }
}

const sameAsYaml = (text: string) =>
  expect(outcome(() => readOverlayFrontMatter(text, 'packs/acme/plan.md'))).toEqual(
    outcome(() => readOverlayFrontMatterWithYaml(text, 'packs/acme/plan.md')),
  );

// Keys, separators and values that the simple reading takes, next to near misses of each that
// YAML reads otherwise (quotes, comments, tags, anchors, other types, bad refs, other keys).
const key = fc.constantFrom(
  'extends',
  'strategy',
  'Extends',
  'extend',
  'description',
  'id',
  'kind',
);
const separator = fc.constantFrom(': ', ':  ', ':', ' : ', ':\t', ': \t');
const value = fc.oneof(
  fc.constantFrom(
    'speckit/plan',
    'acme-web/plan-draft',
    'a.b/c_d',
    '1/2',
    'x/y/z',
    '/plan',
    'speckit/',
    'Speckit/plan',
    'speckit/plan.',
    'replace',
    'prepend',
    'append',
    'wrap',
    'sections',
    'null',
    '~',
    'true',
    '1.5',
    '0x1f',
    '"speckit/plan"',
    "'speckit/plan'",
    'speckit/plan # note',
    'speckit/plan ',
    '[a/b]',
    '{a: b}',
    '&anchor speckit/plan',
    '*anchor',
    '!!str speckit/plan',
    '|',
    '>',
    '-',
    '',
    '@acme/plan',
  ),
  fc.string({ unit: fc.constantFrom(...'ab1/.-_:# \'"[]{}&*!|>@%`,?\t'.split('')), maxLength: 12 }),
);
const refPart = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,6}$/);
const simplePair = fc.oneof(
  fc
    .tuple(refPart, refPart, fc.constantFrom(' ', '  '))
    .map(([pack, id, spaces]) => `extends:${spaces}${pack}/${id}`),
  fc.constantFrom('strategy: replace', 'strategy: prepend', 'strategy: append', 'strategy: wrap'),
);
const pairLine = fc.oneof(
  simplePair,
  fc.tuple(key, separator, value).map(([k, s, v]) => `${k}${s}${v}`),
);
const otherLine = fc.constantFrom('', '# a comment', '  indented: x', '- item', '...', '  - a/b');
const frontMatterLines = fc.array(fc.oneof({ weight: 5, arbitrary: pairLine }, otherLine), {
  maxLength: 4,
});
const body = fc.constantFrom('', '<!-- specforge: remove deployment -->\n', 'text\n---\nmore\n');

describe('the simple overlay front matter reading', () => {
  it('reads exactly what the YAML parser reads, or leaves the text to it', () => {
    let simple = 0;
    fc.assert(
      fc.property(frontMatterLines, body, (lines, rest) => {
        if (readSimpleOverlayKeys(lines) !== undefined) simple++;
        sameAsYaml(`---\n${lines.map((line) => `${line}\n`).join('')}---\n${rest}`);
      }),
      fuzzParameters(1000),
    );
    // Not vacuous: some of the generated front matters take the simple reading.
    expect(simple).toBeGreaterThan(0);
  });

  it('agrees with the YAML parser on the front matter overlays usually have', () => {
    for (const text of [
      '---\nextends: speckit/plan\n---\n<!-- specforge: remove deployment -->\n',
      '---\nextends: acme/plan\nstrategy: wrap\n---\nbefore\n{CORE_TEMPLATE}\n',
      '---\nstrategy: append\nextends:   acme.web/plan-2\n---\n## More\n',
      '---\nextends: speckit/plan\nextends: speckit/tasks\n---\n',
      '---\nextends: speckit/plan\nstrategy: sections\n---\n',
      '---\nstrategy: wrap\n---\n',
    ]) {
      sameAsYaml(text);
    }
  });

  it('takes the front matter overlays usually have, and only that', () => {
    expect(readSimpleOverlayKeys(['extends: speckit/plan'])).toEqual({
      extends: 'speckit/plan',
      strategy: 'sections',
      strategyLine: 2,
    });
    expect(readSimpleOverlayKeys(['extends: speckit/plan', 'strategy: append'])).toEqual({
      extends: 'speckit/plan',
      strategy: 'append',
      strategyLine: 3,
    });
    for (const lines of [
      [],
      ['extends: speckit/plan # a comment'],
      ['extends: "speckit/plan"'],
      ['extends: speckit/plan', 'description: Ours'],
      ['extends: @acme/plan'],
      ['strategy: append'],
    ]) {
      expect(readSimpleOverlayKeys(lines)).toBeUndefined();
    }
  });
});
