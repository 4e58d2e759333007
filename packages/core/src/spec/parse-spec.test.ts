import { describe, expect, it } from 'vitest';
import type { AcceptanceScenario, Spec } from './model.js';
import { parseSpec } from './parse-spec.js';

/** An expected scenario (a helper, so the tests need no `then:` property literal). */
const scenario = (
  given: string | undefined,
  when: string | undefined,
  then: string | undefined,
  text: string,
  line: number,
): AcceptanceScenario => ({ given, when, then, text, line });

describe('parseSpec', () => {
  it('yields the exact model when the spec has a BOM and CRLF line breaks', () => {
    const text = [
      '\uFEFF# Feature Specification: Café',
      '',
      '**Feature Branch**: `007-cafe`',
      '',
      '## User Scenarios & Testing',
      '',
      '### User Story 1 - Order (Priority: P1)',
      '',
      '**Acceptance Scenarios**:',
      '',
      '1. **Given** a menu, **When** I order, **Then** I pay',
      '',
      '## Requirements',
      '',
      '- **FR-001**: Prices in € [NEEDS CLARIFICATION: VAT?]',
      '',
    ].join('\r\n');
    const expected: Spec = {
      file: 'spec.md',
      text,
      body: text.slice(1),
      bodyLine: 1,
      lineCount: 16,
      frontMatter: undefined,
      title: 'Café',
      titleLine: 1,
      branch: '007-cafe',
      created: undefined,
      status: undefined,
      input: undefined,
      fields: [{ label: 'Feature Branch', value: '`007-cafe`', line: 3 }],
      sections: [
        {
          title: 'User Scenarios & Testing',
          slug: 'user-scenarios-testing',
          path: 'user-scenarios-testing',
          level: 2,
          line: 5,
          endLine: 11,
          text: [
            '## User Scenarios & Testing',
            '',
            '### User Story 1 - Order (Priority: P1)',
            '',
            '**Acceptance Scenarios**:',
            '',
            '1. **Given** a menu, **When** I order, **Then** I pay',
          ].join('\r\n'),
          children: [
            {
              title: 'User Story 1 - Order (Priority: P1)',
              slug: 'user-story-1-order',
              path: 'user-scenarios-testing/user-story-1-order',
              level: 3,
              line: 7,
              endLine: 11,
              text: [
                '### User Story 1 - Order (Priority: P1)',
                '',
                '**Acceptance Scenarios**:',
                '',
                '1. **Given** a menu, **When** I order, **Then** I pay',
              ].join('\r\n'),
              children: [],
            },
          ],
        },
        {
          title: 'Requirements',
          slug: 'requirements',
          path: 'requirements',
          level: 2,
          line: 13,
          endLine: 15,
          text: '## Requirements\r\n\r\n- **FR-001**: Prices in € [NEEDS CLARIFICATION: VAT?]',
          children: [],
        },
      ],
      stories: [
        {
          id: 'US1',
          number: 1,
          title: 'Order',
          priority: 'P1',
          priorityRank: 1,
          description: '',
          why: undefined,
          independentTest: undefined,
          scenarios: [
            scenario(
              'a menu',
              'I order',
              'I pay',
              '**Given** a menu, **When** I order, **Then** I pay',
              11,
            ),
          ],
          line: 7,
          endLine: 11,
          legacy: false,
        },
      ],
      edgeCases: [],
      requirements: [{ id: 'FR-001', text: 'Prices in € [NEEDS CLARIFICATION: VAT?]', line: 15 }],
      successCriteria: [],
      entities: [],
      assumptions: [],
      clarificationSessions: [],
      clarifications: [{ text: 'VAT?', line: 15, column: 27 }],
    };
    expect(parseSpec(text, { file: 'spec.md' })).toEqual(expected);
  });

  it('keeps text exactly as given and yields sections when the spec is free-form', () => {
    const text = 'Intro\n\n## Notes\n\nSome notes.\n';
    const spec = parseSpec(text);
    expect(spec.text).toBe(text);
    expect(spec.body).toBe(text);
    expect(spec.file).toBeUndefined();
    expect(spec.sections.map((s) => s.path)).toEqual(['notes']);
    expect(spec.stories).toEqual([]);
  });

  it.each([
    '',
    '\uFEFF',
    '\r',
    '---',
    '---\n---',
    '#',
    '# ',
    '```',
    '- **FR-001**:',
    '### User Story 1 -',
    '[NEEDS CLARIFICATION:',
    '\u0000\u0000',
    '> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > # deep',
    Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- nested`).join('\n'),
  ])('does not throw when the text is %j', (text) => {
    expect(() => parseSpec(text)).not.toThrow();
  });

  // How fast it is lives in `pnpm bench` (the bulk rows parse 2,000 specs of 5-20 KB), not here:
  // a timed assertion flakes on a loaded machine.
  it('reads every story, requirement and marker of a 50 KB spec', () => {
    const story = (n: number) =>
      [
        `### User Story ${n} - Story number ${n} (Priority: P${(n % 3) + 1})`,
        '',
        'A description of the journey that runs over a couple of lines of prose, as real ones do.',
        '',
        '**Why this priority**: Because it matters to someone.',
        '',
        '**Independent Test**: Do the thing and check the result.',
        '',
        '**Acceptance Scenarios**:',
        '',
        '1. **Given** a state, **When** an action happens, **Then** an outcome is seen',
        '2. **Given** another state, **When** another action, **Then** [NEEDS CLARIFICATION: what?]',
        '',
        '---',
        '',
      ].join('\n');
    const requirements = Array.from(
      { length: 100 },
      (_, i) => `- **FR-${String(i).padStart(3, '0')}**: System MUST ${i}.`,
    );
    const text = `# Feature Specification: Big\n\n## User Scenarios & Testing\n\n${Array.from({ length: 110 }, (_, i) => story(i + 1)).join('')}\n## Requirements\n\n${requirements.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(50_000);
    const spec = parseSpec(text);
    expect(spec.stories).toHaveLength(110);
    expect(spec.requirements).toHaveLength(100);
    expect(spec.clarifications).toHaveLength(110);
  });

  // Each of these took seconds at a quarter of these sizes with a regex that backtracks over
  // long runs (quadratic); linear, they take milliseconds. No clock is read: quadratic work on
  // these sizes runs for minutes, far past the test timeout, which is what fails then.
  it.each([
    ['long space runs in a heading', `## a${' '.repeat(400_000)}b`],
    ['long space runs in a story heading', `### User Story 1 - a${' '.repeat(400_000)}b`],
    [
      'long separator runs in a scenario',
      `### User Story 1 - x\n\n1. **Given** a, **When** b, **Then** c${' ,'.repeat(160_000)}d`,
    ],
    ['long space runs in a Q/A entry', `## Clarifications\n- Q: a${' '.repeat(400_000)}b`],
    ['thousands of unclosed markers', '[NEEDS CLARIFICATION: x '.repeat(32_000)],
    [
      'thousands of backtick runs',
      Array.from({ length: 80_000 }, (_, i) => `${'`'.repeat((i % 50) + 1)}a`).join(''),
    ],
  ])('finishes when given %s', (_name, text) => {
    expect(parseSpec(text).text).toBe(text);
  });
});
