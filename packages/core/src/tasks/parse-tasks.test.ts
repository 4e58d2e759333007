import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTasks } from './parse-tasks.js';

describe('parseTasks', () => {
  it('reads ids, checkboxes, [P] and [USn] markers and descriptions in Spec Kit grammar', () => {
    const text = [
      '# Tasks',
      '',
      '- [ ] T001 Create the project structure',
      '- [x] T002 [P] Configure linting in .eslintrc',
      '- [X] T013a [P] [US1] Test the cart in tests/cart.test.ts',
      '  - [ ] T014 [US2] Nested task',
      '1. [ ] T015 [US1] [US2] Ordered list task',
      '- [x] ~~T105 [US2] Withdrawn task~~',
      '- [ ] **T020** Bold id',
      '> - [ ] T021 In a quote',
    ].join('\n');
    expect(
      parseTasks(text).map(({ id, done, parallel, stories, description, line, column }) => [
        id,
        done,
        parallel,
        stories,
        description,
        line,
        column,
      ]),
    ).toEqual([
      ['T001', false, false, [], 'Create the project structure', 3, 7],
      ['T002', true, true, [], 'Configure linting in .eslintrc', 4, 7],
      ['T013a', true, true, ['US1'], 'Test the cart in tests/cart.test.ts', 5, 7],
      ['T014', false, false, ['US2'], 'Nested task', 6, 9],
      ['T015', false, false, ['US1', 'US2'], 'Ordered list task', 7, 8],
      ['T105', true, false, ['US2'], 'Withdrawn task~~', 8, 9],
      ['T020', false, false, [], 'Bold id', 9, 9],
      ['T021', false, false, [], 'In a quote', 10, 9],
    ]);
  });

  it('leaves checklist items, ids without a checkbox and code blocks alone', () => {
    const text = [
      '- [ ] All contracts have corresponding tests',
      '- [ ] CHK001 Is the scope clear?',
      '- T001 no checkbox',
      '- [ ] Task 1',
      '```',
      '- [ ] T009 in a code block',
      '```',
      '- [ ] T1 [P] short id',
    ].join('\n');
    expect(parseTasks(text).map((task) => [task.id, task.line])).toEqual([['T1', 8]]);
  });

  it('counts lines from the body line given and columns in code points', () => {
    const text = '---\ntitle: x\n---\n- [ ] T001 日本語の説明\n';
    expect(parseTasks(text, 4)).toMatchObject([
      { id: 'T001', line: 4, description: '日本語の説明' },
    ]);
  });

  it('never throws, and every task points at its id', () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('- ', '* ', '1. ', '  - ', '> - '),
          fc.constantFrom('[ ] ', '[x] ', '[X] ', '[] '),
          fc.stringMatching(/^T\d{1,4}[a-z]?$/),
          fc.constantFrom('', ' [P]', ' [US1]', ' [P] [US12]', ' [Story]'),
          fc.string(),
        )
        .map((parts) => parts.join('')),
      fc.constantFrom('```', '', '# Heading'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const all = text.split(/\r\n?|\n/);
        for (const task of parseTasks(text)) {
          const source = all[task.line - 1] ?? '';
          expect(
            [...source]
              .slice(task.column - 1)
              .join('')
              .startsWith(task.id),
          ).toBe(true);
        }
      }),
    );
  });
});
