import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/specforge-error.js';
import { parseTemplateFile } from './parse-template-file.js';
import { compileIdPattern } from './read-check-rules.js';

const options = { file: 'plan.md', pack: { name: 'team', version: '1.0.0' } };

function meta(frontMatter: string) {
  return parseTemplateFile(`---\nid: plan\nkind: plan\n${frontMatter}\n---\n# Plan\n`, options)
    .meta;
}

function failure(frontMatter: string): { message: string; line: number | undefined } {
  try {
    meta(frontMatter);
  } catch (error) {
    if (!isSpecforgeError(error)) throw error;
    return { message: error.message, line: error.location?.line };
  }
  throw new Error('expected the template to be rejected');
}

describe('check rules in template metadata', () => {
  it('reads placeholders, id patterns (sorted by prefix) and trace rules', () => {
    expect(
      meta(
        [
          'placeholders: ["[FEATURE NAME]", Task 1]',
          'idPatterns:',
          '  T: T\\d{3}',
          '  FR: FR-\\d{3}[a-z]?',
          'traces:',
          '  - from: stories',
          '  - { from: requirements, in: implementation-phases }',
        ].join('\n'),
      ),
    ).toMatchObject({
      placeholders: ['[FEATURE NAME]', 'Task 1'],
      idPatterns: { FR: 'FR-\\d{3}[a-z]?', T: 'T\\d{3}' },
      traces: [{ from: 'stories' }, { from: 'requirements', in: 'implementation-phases' }],
    });
    expect(Object.keys(meta('idPatterns: { T: T\\d+, FR: FR-\\d+ }').idPatterns)).toEqual([
      'FR',
      'T',
    ]);
  });

  it('compiles a pattern that must match the whole id', () => {
    const pattern = compileIdPattern('FR-\\d{3}[a-z]?');
    expect(pattern.test('FR-012a')).toBe(true);
    expect(pattern.test('FR-0123')).toBe(false);
    expect(pattern.test('XFR-012')).toBe(false);
  });

  it.each([
    [
      'a placeholder list that is not a list',
      'placeholders: Task 1',
      4,
      '"placeholders" must be a list',
    ],
    ['an empty placeholder', 'placeholders: ["  "]', 4, 'must be a non-empty text'],
    ['a placeholder listed twice', 'placeholders: [a, a]', 4, 'listed twice'],
    ['id patterns that are not a mapping', 'idPatterns: [FR]', 4, '"idPatterns" must map'],
    ['a lower-case id prefix', 'idPatterns:\n  fr: fr-\\d+', 5, 'the id prefix "fr"'],
    ['a pattern for another prefix', 'idPatterns:\n  FR: SC-\\d+', 5, 'must start with "FR"'],
    [
      'an invalid regular expression',
      'idPatterns:\n  FR: FR-(\\d',
      5,
      'not a valid regular expression',
    ],
    [
      'a group repeated without bound',
      'idPatterns:\n  FR: FR(-\\d+)+',
      5,
      'may not repeat a group',
    ],
    [
      'a group repeated with an open count',
      'idPatterns:\n  FR: FR(-\\d){2,}',
      5,
      'may not repeat a group',
    ],
    ['a back-reference', 'idPatterns:\n  FR: FR-(\\d)\\1', 5, 'back-references'],
    ['a trace list that is not a list', 'traces: stories', 4, '"traces" must be a list'],
    [
      'an unknown trace subject',
      'traces:\n  - from: tasks',
      5,
      'must be one of requirements, criteria, stories',
    ],
    [
      'an unknown trace key',
      'traces:\n  - { from: stories, within: x }',
      5,
      'unknown key "within"',
    ],
    [
      'a trace section that is not a heading path',
      'traces:\n  - { from: stories, in: Phases }',
      5,
      'e.g. phases',
    ],
    [
      'a trace rule listed twice',
      'traces:\n  - from: stories\n  - from: stories',
      6,
      'listed twice',
    ],
  ])('rejects %s, at its line', (_case, frontMatter, line, reason) => {
    const result = failure(frontMatter);
    expect(result.message).toContain(reason);
    expect(result.line).toBe(line);
  });

  it('accepts a group with a fixed or optional count', () => {
    expect(meta('idPatterns:\n  FR: FR(-\\d){3}(-[a-z])?').idPatterns.FR).toBe(
      'FR(-\\d){3}(-[a-z])?',
    );
  });
});
