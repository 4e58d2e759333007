import { describe, expect, it } from 'vitest';
import type { AcceptanceScenario } from './model.js';
import { parseSpec } from './parse-spec.js';
import { parseStoryHeading } from './stories.js';

/** An expected scenario (a helper, so the tests need no `then:` property literal). */
const scenario = (
  given: string | undefined,
  when: string | undefined,
  then: string | undefined,
  text: string,
  line: number,
): AcceptanceScenario => ({ given, when, then, text, line });

describe('parseStoryHeading', () => {
  it.each([
    [
      'User Story 1 - Filter by type (Priority: P1)',
      { label: '1', number: 1, title: 'Filter by type', priority: 'P1' },
    ],
    [
      'User Story 2 — Em dash (Priority: P2)',
      { label: '2', number: 2, title: 'Em dash', priority: 'P2' },
    ],
    [
      'User Story 3 – En dash (Priority: P3)',
      { label: '3', number: 3, title: 'En dash', priority: 'P3' },
    ],
    [
      'User Story 4: Colon (Priority: P1)',
      { label: '4', number: 4, title: 'Colon', priority: 'P1' },
    ],
    [
      'US1 - Restaurer une VM (Priorite: P1) MVP',
      { label: '1', number: 1, title: 'Restaurer une VM', priority: 'P1' },
    ],
    [
      'User Story 4a - Lettered (Priority: P0)',
      { label: '4a', number: 4, title: 'Lettered', priority: 'P0' },
    ],
    [
      'User Story 10 - Two digits (Priority: P8)',
      { label: '10', number: 10, title: 'Two digits', priority: 'P8' },
    ],
    [
      'Historia de Usuario 1 - Explorar (Prioridad: P1)',
      { label: '1', number: 1, title: 'Explorar', priority: 'P1' },
    ],
    [
      'ユーザーストーリー 1 - テーマ (優先度: P1)',
      { label: '1', number: 1, title: 'テーマ', priority: 'P1' },
    ],
    [
      '사용자 시나리오 1 - 예외 응답 (우선순위: P1)',
      { label: '1', number: 1, title: '예외 응답', priority: 'P1' },
    ],
    [
      'Benutzer-Story 1 - Fernsteuerung (Priorität: P1)',
      { label: '1', number: 1, title: 'Fernsteuerung', priority: 'P1' },
    ],
    [
      '用户故事 1 - 确定格式（优先级：P0）',
      { label: '1', number: 1, title: '确定格式', priority: 'P0' },
    ],
    [
      '用户故事 2 - 自动检测 (优先级: P1) 🎯 MVP',
      { label: '2', number: 2, title: '自动检测', priority: 'P1' },
    ],
    [
      'Kịch Bản 1 — Tạo Dự Án `[Phase 1]` (Ưu Tiên: P1)',
      { label: '1', number: 1, title: 'Tạo Dự Án `[Phase 1]`', priority: 'P1' },
    ],
    [
      'User Story 5 - Leads (Piloto) (Priority: P2)',
      { label: '5', number: 5, title: 'Leads (Piloto)', priority: 'P2' },
    ],
    [
      'User Story 6 - No priority',
      { label: '6', number: 6, title: 'No priority', priority: undefined },
    ],
    [
      'User Story 7 - Tagged 🎯 MVP',
      { label: '7', number: 7, title: 'Tagged', priority: undefined },
    ],
    [
      'userstory 8 - lower case (priority: p2)',
      { label: '8', number: 8, title: 'lower case', priority: 'P2' },
    ],
  ])('reads %j', (title, expected) => {
    expect(parseStoryHeading(title)).toEqual(expected);
  });

  it.each([
    'User Scenarios & Testing',
    'User Stories (prioritisees)',
    'Story points',
    'Usage 1 - not a story',
    '3. 用户故事 1 - 全屏 (T008-T014)',
    'Primary User Story',
  ])('rejects %j', (title) => {
    expect(parseStoryHeading(title)).toBeUndefined();
  });
});

describe('user stories', () => {
  it('reads each field when several share one paragraph', () => {
    const [story] = parseSpec(
      [
        '### User Story 1 - Recommend routes (Priority: P1)',
        '',
        'As a veteran I want routes.',
        '',
        '**Why this priority**: Core value.',
        '**Independent Test**: Submit a profile,',
        'check three routes come back.',
        '',
        '**Acceptance Scenarios**:',
        '',
        '1. **Given** a profile, **When** I ask, **Then** I get routes',
      ].join('\n'),
    ).stories;
    expect(story).toEqual({
      id: 'US1',
      number: 1,
      title: 'Recommend routes',
      priority: 'P1',
      priorityRank: 1,
      description: 'As a veteran I want routes.',
      why: 'Core value.',
      independentTest: 'Submit a profile,\ncheck three routes come back.',
      scenarios: [
        scenario(
          'a profile',
          'I ask',
          'I get routes',
          '**Given** a profile, **When** I ask, **Then** I get routes',
          11,
        ),
      ],
      line: 1,
      endLine: 11,
      legacy: false,
    });
  });

  it('keeps a bold label in the description, or ends a field, when it is not a known field', () => {
    const [story] = parseSpec(
      [
        '### User Story 1 - X (Priority: P1)',
        '',
        '**Context**: background first.',
        '',
        '**Why this priority**: because.',
        '',
        'More reasons.',
        '',
        '**Notes**: not part of why.',
      ].join('\n'),
    ).stories;
    expect(story?.description).toBe('**Context**: background first.');
    expect(story?.why).toBe('because.\n\nMore reasons.');
  });

  it('reads a field when it is written as a sub-heading', () => {
    const [story] = parseSpec(
      [
        '### User Story 1 - X (Priority: P2)',
        '',
        '#### Acceptance Scenarios',
        '',
        '- Given a, When b, Then c',
      ].join('\n'),
    ).stories;
    expect(story?.scenarios).toEqual([scenario('a', 'b', 'c', 'Given a, When b, Then c', 5)]);
  });

  it('ranks stories by priority, then document order, when some share or lack one', () => {
    const spec = parseSpec(
      [
        '### User Story 1 - A (Priority: P2)',
        '### User Story 2 - B',
        '### User Story 3 - C (Priority: P1)',
        '### User Story 4 - D (Priority: P2)',
        '### User Story 5 - E (Priority: P0)',
      ].join('\n'),
    );
    expect(spec.stories.map((s) => `${s.id}:${s.priorityRank}`)).toEqual([
      'US1:3',
      'US2:5',
      'US3:2',
      'US4:4',
      'US5:1',
    ]);
  });

  it('skips a story heading when it is nested in another story', () => {
    const spec = parseSpec(
      '### User Story 1 - A (Priority: P1)\n\n#### User Story 1 - details\n\n### User Story 2 - B\n',
    );
    expect(spec.stories.map((s) => s.id)).toEqual(['US1', 'US2']);
  });

  it('builds one legacy story when the spec has Primary User Story and Acceptance Scenarios', () => {
    const spec = parseSpec(
      [
        '# Feature Specification: Old',
        '',
        '## User Scenarios & Testing *(mandatory)*',
        '',
        '### Primary User Story',
        'As a user I want X.',
        '',
        '### Acceptance Scenarios',
        '1. **Given** A, **When** B, **Then** C',
        '2. Something that is not Given/When/Then',
        '',
        '### Edge Cases',
        '- What if?',
      ].join('\n'),
    );
    expect(spec.stories).toEqual([
      {
        id: 'US1',
        number: 1,
        title: 'Primary User Story',
        priority: undefined,
        priorityRank: 1,
        description: 'As a user I want X.',
        why: undefined,
        independentTest: undefined,
        scenarios: [
          scenario('A', 'B', 'C', '**Given** A, **When** B, **Then** C', 9),
          scenario(undefined, undefined, undefined, 'Something that is not Given/When/Then', 10),
        ],
        line: 5,
        endLine: 10,
        legacy: true,
      },
    ]);
    expect(spec.edgeCases).toEqual([{ text: 'What if?', line: 13 }]);
  });

  it('yields no stories, cleanly, when a translated spec uses an unknown story word', () => {
    const spec = parseSpec('# Spec\n\n## Scénarios\n\n### Parcours 1 - Payer (Priorité: P1)\n');
    expect(spec.stories).toEqual([]);
    expect(spec.sections.map((s) => s.path)).toEqual(['scénarios']);
  });
});
