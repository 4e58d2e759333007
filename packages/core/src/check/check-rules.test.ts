import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../render/test-utils/template.js';
import { parseSpec } from '../spec/parse-spec.js';
import type { TemplateMeta, TemplateSource } from '../template/types.js';
import { checkPlan } from './check-plan.js';
import { checkSpec } from './check-spec.js';
import { checkTasks } from './check-tasks.js';

function templateWith(meta: Partial<TemplateMeta>): TemplateSource {
  const base = makeTemplate('');
  return { ...base, meta: { ...base.meta, ...meta } };
}

const spec = [
  '# Feature Specification: Cart',
  '',
  '## User Scenarios & Testing',
  '',
  '### User Story 1 - Add to cart (Priority: P1)',
  '',
  'A shopper adds an item.',
  '',
  '### User Story 2 - Remove (Priority: P2)',
  '',
  'A shopper removes an item.',
  '',
  '## Requirements',
  '',
  '- **FR-001**: System MUST add items.',
  '- **FR-002**: System MUST remove items.',
  '',
].join('\n');
const specBytes = new TextEncoder().encode(spec);

function brief(findings: ReturnType<typeof checkPlan>) {
  return findings.map(({ code, line, column, message }) => ({ code, line, column, message }));
}

describe('placeholders declared by the template', () => {
  const template = templateWith({ placeholders: ['Task 1', '[FEATURE NAME]', 'X hours/days'] });

  it('are findings where they stand in prose, headings and tables, as whole words', () => {
    const plan = [
      '# Plan: [FEATURE NAME]',
      '',
      '1. Task 1',
      '2. Task 12 is real work',
      '',
      '| Step | Time |',
      '| --- | --- |',
      '| a | X hours/days |',
      '',
      'Placeholders look like `Task 1`. <!-- Task 1 -->',
      '',
      '```',
      'Task 1',
      '```',
    ].join('\n');
    expect(brief(checkPlan(plan, { file: 'plan.md', template }))).toEqual([
      {
        code: 'SPECFORGE_CHECK_PLACEHOLDER_LEFT',
        line: 1,
        column: 9,
        message: 'The placeholder "[FEATURE NAME]" of the template test/test is still here.',
      },
      {
        code: 'SPECFORGE_CHECK_PLACEHOLDER_LEFT',
        line: 3,
        column: 4,
        message: 'The placeholder "Task 1" of the template test/test is still here.',
      },
      {
        code: 'SPECFORGE_CHECK_PLACEHOLDER_LEFT',
        line: 8,
        column: 7,
        message: 'The placeholder "X hours/days" of the template test/test is still here.',
      },
    ]);
  });

  it('apply to specs too', () => {
    const specTemplate = templateWith({ kind: 'spec', placeholders: ['[action]'] });
    const text = '# Login\n\n1. **Given** a user, **When** [action], **Then** done.\n';
    expect(
      checkSpec(parseSpec(text), { file: 'spec.md', template: specTemplate }).map((f) => [
        f.code,
        f.line,
        f.column,
      ]),
    ).toEqual([['SPECFORGE_CHECK_PLACEHOLDER_LEFT', 3, 31]]);
  });
});

describe('trace rules declared by the template', () => {
  const template = templateWith({
    traces: [
      { from: 'stories', in: 'phases' },
      { from: 'requirements', in: 'phases' },
    ],
  });

  it('report spec items no phase mentions, at the section heading', () => {
    const plan = [
      '# Plan',
      '',
      '## Phases',
      '',
      '### Phase 1',
      '',
      'User Story 1 delivers FR-001.',
      '',
      '## Traceability',
      '',
      '| FR-002 | unassigned <!-- fill: trace FR-002 --> |',
    ].join('\n');
    expect(
      brief(checkPlan(plan, { file: 'plan.md', template, specBytes, specFile: 'spec.md' })).filter(
        (f) => f.code !== 'SPECFORGE_CHECK_FILL_LEFT',
      ),
    ).toEqual([
      {
        code: 'SPECFORGE_CHECK_UNTRACED',
        line: 3,
        column: 1,
        message: 'US2 (spec.md:9) is not referenced in the section phases.',
      },
      {
        code: 'SPECFORGE_CHECK_UNTRACED',
        line: 3,
        column: 1,
        message: 'FR-002 (spec.md:16) is not referenced in the section phases.',
      },
    ]);
  });

  it('report references to ids the spec lacks, and nothing when every item is covered', () => {
    const plan = '# Plan\n\n## Phases\n\nUS1 and [US2]: FR-001, FR-002 and FR-009.\n';
    expect(
      brief(checkPlan(plan, { file: 'plan.md', template, specBytes, specFile: 'spec.md' })),
    ).toEqual([
      {
        code: 'SPECFORGE_CHECK_REFERENCE_UNKNOWN',
        line: 5,
        column: 35,
        message: 'FR-009 is referenced, but the spec spec.md defines no FR-009.',
      },
    ]);
  });

  it('are skipped when the section is absent or the spec unknown', () => {
    expect(checkPlan('# Plan\n', { file: 'plan.md', template, specBytes })).toEqual([]);
    expect(checkPlan('# Plan\n\n## Phases\n\nNone.\n', { file: 'plan.md', template })).toEqual([]);
  });
});

describe('checkTasks', () => {
  const template = templateWith({
    kind: 'tasks',
    idPatterns: { T: 'T\\d{3}[a-z]?' },
    traces: [{ from: 'stories' }],
  });

  it('reports duplicate and malformed task ids, unknown stories and untraced stories', () => {
    const tasks = [
      '# Tasks',
      '',
      '- [ ] T001 Setup',
      '- [ ] T002 [P] [US1] Add to cart',
      '- [ ] T002 [US1] Again',
      '- [ ] T3 [US3] Unknown story',
    ].join('\n');
    expect(
      checkTasks(tasks, { file: 'tasks.md', template, specBytes, specFile: 'spec.md' }).map((f) => [
        f.code,
        f.line,
        f.column,
      ]),
    ).toEqual([
      ['SPECFORGE_CHECK_UNTRACED', 1, 1],
      ['SPECFORGE_CHECK_ID_DUPLICATE', 5, 7],
      ['SPECFORGE_CHECK_ID_MALFORMED', 6, 7],
      ['SPECFORGE_CHECK_REFERENCE_UNKNOWN', 6, 11],
    ]);
  });

  it('finds nothing in a clean task list', () => {
    const tasks = '# Tasks\n\n- [ ] T001 [US1] Add\n- [x] T002 [P] [US2] Remove\n';
    expect(checkTasks(tasks, { file: 'tasks.md', template, specBytes })).toEqual([]);
  });
});
