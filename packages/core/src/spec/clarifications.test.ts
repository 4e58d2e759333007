import { describe, expect, it } from 'vitest';
import { parseSpec } from './parse-spec.js';

describe('clarification sessions', () => {
  it('reads sessions when headings have suffixes, arrows vary and entries wrap', () => {
    const spec = parseSpec(
      [
        '## Clarifications',
        '',
        '### Session 2026-06-27',
        '',
        '- Q: First? → A: Yes.',
        '- Q: Second, wrapped',
        '  over two lines? → A: An answer',
        '  that wraps too.',
        '- **Q**: Bold label? -> **A**: ASCII arrow.',
        '- Q: Unanswered?',
        '- A note that is not a Q/A entry',
        '',
        '### Session 2026-06-27 (round 2)',
        '',
        '- Q: Again? => A: Fat arrow.',
        '',
        '### Outstanding questions',
        '',
        '- Q: Not in a session heading → A: ignored',
      ].join('\n'),
    );
    expect(spec.clarificationSessions).toEqual([
      {
        date: '2026-06-27',
        title: 'Session 2026-06-27',
        line: 3,
        entries: [
          { question: 'First?', answer: 'Yes.', line: 5 },
          {
            question: 'Second, wrapped over two lines?',
            answer: 'An answer that wraps too.',
            line: 6,
          },
          { question: 'Bold label?', answer: 'ASCII arrow.', line: 9 },
          { question: 'Unanswered?', answer: undefined, line: 10 },
        ],
      },
      {
        date: '2026-06-27',
        title: 'Session 2026-06-27 (round 2)',
        line: 13,
        entries: [{ question: 'Again?', answer: 'Fat arrow.', line: 15 }],
      },
    ]);
    expect(spec.sections[0]?.children.map((s) => s.path)).toEqual([
      'clarifications/session-2026-06-27',
      'clarifications/session-2026-06-27-2',
      'clarifications/outstanding-questions',
    ]);
  });

  it('collects a session without a date when Q/A lines sit directly under the heading', () => {
    const spec = parseSpec('## Clarifications\n\n- Q: Direct? → A: Yes.\n');
    expect(spec.clarificationSessions).toEqual([
      {
        date: undefined,
        title: undefined,
        line: 1,
        entries: [{ question: 'Direct?', answer: 'Yes.', line: 3 }],
      },
    ]);
  });

  it('reads sessions when headings are translated and answers use R:', () => {
    const spec = parseSpec(
      [
        '## Klärungen',
        '### Sitzung 2025-12-04',
        '- Q: Wie? → A: So.',
        '## 澄清事项',
        '### 会话 2026-01-21',
        '- Q: 哪种？ → A: 选项 A',
        '## Clarifications',
        '### Session 2026-02-01',
        '- Q: Faut-il ? → R: Oui.',
      ].join('\n'),
    );
    expect(
      spec.clarificationSessions.map((s) => [
        s.date,
        s.entries.map((e) => `${e.question} | ${e.answer}`),
      ]),
    ).toEqual([
      ['2025-12-04', ['Wie? | So.']],
      ['2026-01-21', ['哪种？ | 选项 A']],
      ['2026-02-01', ['Faut-il ? | Oui.']],
    ]);
  });

  it('reads the answer when it is on the next line or after a long arrow', () => {
    const spec = parseSpec(
      '## Clarifications\n### Session 2026-01-01\n- Q: Split?\n  A: Over two lines.\n- Q: Arrow? ⟶ A: Long.\n',
    );
    expect(spec.clarificationSessions[0]?.entries).toEqual([
      { question: 'Split?', answer: 'Over two lines.', line: 3 },
      { question: 'Arrow?', answer: 'Long.', line: 5 },
    ]);
  });

  it('keeps a session without a date when its heading has none', () => {
    const spec = parseSpec('## Clarifications\n### Session 1: Research\n**Date**: 2025-10-05\n');
    expect(spec.clarificationSessions).toEqual([
      { date: undefined, title: 'Session 1: Research', line: 2, entries: [] },
    ]);
  });
});
