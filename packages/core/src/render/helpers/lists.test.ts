import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';

const stories = [
  { id: 'US1', priority: 'P2', priorityRank: 2, why: 'see FR-001', scenarios: [] },
  {
    id: 'US2',
    priority: 'P1',
    priorityRank: 1,
    why: undefined,
    scenarios: [{ text: 'FR-002 ok' }],
  },
  { id: 'US3', priority: undefined, priorityRank: 4, why: 'FR-0011, FR-001a', scenarios: [] },
  { id: 'US4', priority: 'P2', priorityRank: 3, why: '(FR-001).', scenarios: [] },
];

const failure = (body: string, inputs: Record<string, unknown>) =>
  (renderError(body, inputs) as Error).message.replace('The template failed to render: ', '');

describe('groupBy', () => {
  it('groups by a field in first-seen order, undefined values in a group of their own', () => {
    expect(
      render(
        '{{#each (groupBy xs "priority")}}[{{default key "none"}}: {{join items "," "id"}}]{{/each}}',
        { xs: stories },
      ),
    ).toBe('[P2: US1,US4][P1: US2][none: US3]');
  });

  it('returns no groups for an empty list', () => {
    expect(render('{{length (groupBy xs "priority")}}', { xs: [] })).toBe('0');
  });

  it.each([
    [
      { xs: 'a' },
      '{{groupBy xs "id"}}',
      'groupBy: the first argument must be a list, got the text "a".',
    ],
    [
      { xs: [{ id: 1 }] },
      '{{groupBy xs "priority"}}',
      'groupBy: item 1 has no field "priority" (it is an object).',
    ],
    [
      { xs: [{}] },
      '{{groupBy xs "constructor"}}',
      'groupBy: item 1 has no field "constructor" (it is an object).',
    ],
    [{ xs: [] }, '{{groupBy xs}}', 'groupBy takes 2 arguments, got 1.'],
  ])('fails when the inputs are %j and the call is %j', (inputs, body, reason) => {
    expect(failure(body, inputs)).toMatch(
      new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Usage: `),
    );
  });
});

describe('sortBy', () => {
  it('sorts by a number field, stably, without changing the list', () => {
    const inputs = { xs: stories };
    expect(
      render('{{join (sortBy xs "priorityRank") "," "id"}} {{join xs "," "id"}}', inputs),
    ).toBe('US2,US1,US4,US3 US1,US2,US3,US4');
  });

  it('sorts text by code point and puts undefined values last, in list order', () => {
    expect(render('{{join (sortBy xs "priority") "," "id"}}', { xs: stories })).toBe(
      'US2,US1,US4,US3',
    );
  });

  it.each([
    [
      { xs: [{ n: 1 }, { n: 'a' }] },
      '{{sortBy xs "n"}}',
      'sortBy: the field "n" mixes numbers and texts; sort by a field of one kind.',
    ],
    [
      { xs: [{ n: [] }] },
      '{{sortBy xs "n"}}',
      'sortBy: the field "n" of item 1 must be a number or text, got a list of 0.',
    ],
    [{ xs: [{ n: 1 }] }, '{{sortBy xs "m"}}', 'sortBy: item 1 has no field "m" (it is an object).'],
  ])('fails when the inputs are %j and the call is %j', (inputs, body, reason) => {
    expect(failure(body, inputs)).toMatch(
      new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Usage: `),
    );
  });
});

describe('mentioning', () => {
  it.each([
    ['FR-001', 'US1,US4'],
    ['FR-002', 'US2'],
    ['FR-001a', 'US3'],
    ['FR-00', ''],
    ['FR-0011', 'US3'],
  ])('finds the items whose fields name %s as a whole word', (id, expected) => {
    expect(
      render('{{join (mentioning xs id "why" "scenarios") "," "id"}}', { xs: stories, id }),
    ).toBe(expected);
  });

  it('reads only the fields it is given', () => {
    expect(render('{{length (mentioning xs "FR-002" "why")}}', { xs: stories })).toBe('0');
  });

  it.each([
    [
      { xs: stories },
      '{{mentioning xs "FR-001"}}',
      'mentioning takes at least 3 arguments, got 2.',
    ],
    [{ xs: stories }, '{{mentioning xs "" "why"}}', 'mentioning: the id must not be empty.'],
    [
      { xs: stories },
      '{{mentioning xs "FR-001" "whyy"}}',
      'mentioning: item 1 has no field "whyy" (it is an object).',
    ],
    [
      { xs: stories },
      '{{mentioning xs 1 "why"}}',
      'mentioning: the id must be text, got the number 1.',
    ],
  ])('fails when the inputs are %j and the call is %j', (_inputs, body, reason) => {
    expect(failure(body, { xs: stories })).toMatch(
      new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Usage: `),
    );
  });
});

describe('numberFrom', () => {
  it('runs numbers on from item to item: one per entry (at least one) plus the extra', () => {
    expect(
      render(
        '{{#each (numberFrom (sortBy xs "priorityRank") 7 "scenarios" 3)}}[{{id}} {{first}}-{{next}}]{{/each}}',
        { xs: stories },
      ),
    ).toBe('[US2 7-11][US1 11-15][US4 15-19][US3 19-23]');
  });

  it('keeps the fields of the items, so that the copies can be grouped', () => {
    expect(
      render(
        '{{#each (groupBy (numberFrom xs 1 "scenarios" 0) "priority")}}[{{default key "none"}}:{{#each items}} {{id}}@{{first}}{{/each}}]{{/each}}',
        { xs: stories },
      ),
    ).toBe('[P2: US1@1 US4@4][P1: US2@2][none: US3@3]');
  });

  it('counts an undefined field as an empty list and changes nothing in its input', () => {
    const xs = [
      { id: 'a', ys: undefined },
      { id: 'b', ys: [1, 2] },
    ];
    expect(render('{{#each (numberFrom xs 0 "ys" 1)}}{{first}},{{/each}}', { xs })).toBe('0,2,');
    expect(xs[0]).toEqual({ id: 'a', ys: undefined });
  });

  it('returns no items for an empty list', () => {
    expect(render('{{length (numberFrom xs 1 "ys" 0)}}', { xs: [] })).toBe('0');
  });

  it.each([
    [
      { xs: 'a' },
      '{{numberFrom xs 1 "ys" 0}}',
      'numberFrom: the first argument must be a list, got the text "a".',
    ],
    [
      { xs: [] },
      '{{numberFrom xs "1" "ys" 0}}',
      'numberFrom: the start must be a whole number from 0 to 1000000, got the text "1".',
    ],
    [
      { xs: [] },
      '{{numberFrom xs 1 "ys" -1}}',
      'numberFrom: the extra count must be a whole number from 0 to 1000, got the number -1.',
    ],
    [
      { xs: [{ id: 1 }] },
      '{{numberFrom xs 1 "ys" 0}}',
      'numberFrom: item 1 has no field "ys" (it is an object).',
    ],
    [
      { xs: [{ ys: 'ab' }] },
      '{{numberFrom xs 1 "ys" 0}}',
      'numberFrom: the field "ys" of item 1 must be a list, got the text "ab".',
    ],
    [
      { xs: [{ ys: [], first: 2 }] },
      '{{numberFrom xs 1 "ys" 0}}',
      'numberFrom: item 1 already has a field "first".',
    ],
    [{ xs: [] }, '{{numberFrom xs 1 "ys"}}', 'numberFrom takes 4 arguments, got 3.'],
  ])('fails when the inputs are %j and the call is %j', (inputs, body, reason) => {
    expect(failure(body, inputs)).toMatch(
      new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} Usage: `),
    );
  });
});
