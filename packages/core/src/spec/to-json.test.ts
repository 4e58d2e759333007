import { describe, expect, it } from 'vitest';
import { parseSpec } from './parse-spec.js';
import { SPEC_JSON_SCHEMA_VERSION, toSpecJson } from './to-json.js';

describe('toSpecJson', () => {
  it('writes every key, in a fixed order, with null for missing values when the spec is free-form', () => {
    expect(toSpecJson(parseSpec('Just text.\n'))).toEqual({
      schemaVersion: 1,
      file: null,
      title: null,
      titleLine: null,
      branch: null,
      status: null,
      created: null,
      input: null,
      fields: [],
      frontMatter: null,
      stories: [],
      requirements: [],
      successCriteria: [],
      entities: [],
      edgeCases: [],
      assumptions: [],
      clarificationSessions: [],
      clarifications: [],
      sections: [],
    });
    expect(Object.keys(toSpecJson(parseSpec('')))).toMatchInlineSnapshot(`
      [
        "schemaVersion",
        "file",
        "title",
        "titleLine",
        "branch",
        "status",
        "created",
        "input",
        "fields",
        "frontMatter",
        "stories",
        "requirements",
        "successCriteria",
        "entities",
        "edgeCases",
        "assumptions",
        "clarificationSessions",
        "clarifications",
        "sections",
      ]
    `);
    expect(SPEC_JSON_SCHEMA_VERSION).toBe(1);
  });

  it('flattens sections and maps undefined fields to null when the spec is sparse', () => {
    const json = toSpecJson(
      parseSpec(
        [
          '# T',
          '## A',
          '### User Story 1 - X',
          '1. plain item',
          '## B',
          '## Clarifications',
          '- Q: open?',
        ].join('\n'),
        { file: 'specs/x/spec.md' },
      ),
    );
    expect(json.file).toBe('specs/x/spec.md');
    expect(json.sections.map((s) => s.path)).toEqual([
      'a',
      'a/user-story-1-x',
      'b',
      'clarifications',
    ]);
    expect(json.stories).toEqual([
      {
        id: 'US1',
        number: 1,
        title: 'X',
        priority: null,
        priorityRank: 1,
        legacy: false,
        description: '1. plain item',
        why: null,
        independentTest: null,
        scenarios: [],
        line: 3,
        endLine: 4,
      },
    ]);
    expect(json.clarificationSessions).toEqual([
      { date: null, title: null, line: 6, entries: [{ question: 'open?', answer: null, line: 7 }] },
    ]);
  });

  it('serialises to the same string on every run when given the same text', () => {
    const text = '---\nb: 1\na: 2\n---\n# T\n\n## Z\n\n## A\n';
    const first = JSON.stringify(toSpecJson(parseSpec(text)));
    expect(JSON.stringify(toSpecJson(parseSpec(text)))).toBe(first);
    // Front matter keys keep the order the YAML gives them.
    expect(Object.keys(toSpecJson(parseSpec(text)).frontMatter ?? {})).toEqual(['b', 'a']);
  });
});
