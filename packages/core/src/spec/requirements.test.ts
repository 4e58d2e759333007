import { describe, expect, it } from 'vitest';
import { parseSpec } from './parse-spec.js';

describe('functional requirements', () => {
  it('reads a requirement when its id takes any of the forms real specs use', () => {
    const spec = parseSpec(
      [
        '## Requirements',
        '',
        '- **FR-001**: Bold id, colon outside.',
        '- **FR-002:** Bold id, colon inside.',
        '- FR-003: Plain id.',
        '- **FR-01a**: Short number with a letter.',
        '- **FR-012a**: Long number with a letter.',
        '- **FR-028** *(revised 2026-07-06)*: Annotated.',
        '- **FR-029** — Dash separator.',
        '- **FR-030** no separator is not a requirement line',
        '- **NFR-001**: Not a functional requirement.',
        '',
        '**FR-040**: In a paragraph,',
        'wrapped.',
        '**FR-041**: Next line of the same paragraph.',
        '',
        '> - **FR-050**: Inside a quote.',
        '',
        '```',
        '- **FR-099**: Inside code.',
        '```',
        '',
        'Mentions like FR-001 in prose do not count.',
      ].join('\n'),
    );
    expect(spec.requirements).toEqual([
      { id: 'FR-001', text: 'Bold id, colon outside.', line: 3 },
      { id: 'FR-002', text: 'Bold id, colon inside.', line: 4 },
      { id: 'FR-003', text: 'Plain id.', line: 5 },
      { id: 'FR-01a', text: 'Short number with a letter.', line: 6 },
      { id: 'FR-012a', text: 'Long number with a letter.', line: 7 },
      { id: 'FR-028', text: 'Annotated.', line: 8 },
      { id: 'FR-029', text: 'Dash separator.', line: 9 },
      { id: 'FR-040', text: 'In a paragraph,\nwrapped.', line: 13 },
      { id: 'FR-041', text: 'Next line of the same paragraph.', line: 15 },
      { id: 'FR-050', text: 'Inside a quote.', line: 17 },
    ]);
  });

  it('keeps a sub-list in the text when it holds no requirements of its own', () => {
    const spec = parseSpec(
      [
        '- **FR-010**: System MUST:',
        '  - do a',
        '  - do b',
        '- **FR-011**: Parent.',
        '  - **FR-011a**: Child.',
      ].join('\n'),
    );
    expect(spec.requirements).toEqual([
      { id: 'FR-010', text: 'System MUST:\n- do a\n- do b', line: 1 },
      { id: 'FR-011', text: 'Parent.', line: 4 },
      { id: 'FR-011a', text: 'Child.', line: 5 },
    ]);
  });

  it('accepts translated prefixes inside a Functional Requirements section only', () => {
    const spec = parseSpec(
      [
        '## Exigences Fonctionnelles',
        '- **EF-001**: Le script DOIT vérifier.',
        '',
        '## Non-Functional Requirements',
        '- **NF-001**: Fast.',
        '- **PF-001**: Not a translation of FR either.',
        '',
        '## Other',
        '- **EF-002**: Outside, ignored.',
      ].join('\n'),
    );
    expect(spec.requirements).toEqual([
      { id: 'EF-001', text: 'Le script DOIT vérifier.', line: 2 },
    ]);
  });
});

describe('success criteria', () => {
  it('reads SC ids anywhere, and other ids when under Success Criteria', () => {
    const spec = parseSpec(
      [
        '## Success Criteria *(mandatory)*',
        '### Measurable Outcomes',
        '- **SC-001**: Fast.',
        '- **FR-001**: A requirement misplaced here stays a requirement.',
        '## Erfolgskriterien',
        '- **EK-001**: Schnell.',
      ].join('\n'),
    );
    expect(spec.successCriteria).toEqual([
      { id: 'SC-001', text: 'Fast.', line: 3 },
      { id: 'EK-001', text: 'Schnell.', line: 6 },
    ]);
    expect(spec.requirements.map((r) => r.id)).toEqual(['FR-001']);
  });
});

describe('key entities', () => {
  it('reads entities when they are bold list items or sub-sections', () => {
    const spec = parseSpec(
      [
        '## Key Entities *(include if feature involves data)*',
        '',
        '- **Order**: A placed cart.',
        '  - Attributes: id, total',
        '- **Line Item** — One product in an order.',
        '- **Customer:** Who pays.',
        '- Plain item without a name',
        '',
        '### TufeDataSource',
        '- **api_endpoint**: URL',
        '',
        '## Next',
        '- **NotAnEntity**: outside the section',
      ].join('\n'),
    );
    expect(spec.entities).toEqual([
      { name: 'Order', description: 'A placed cart.\n- Attributes: id, total', line: 3 },
      { name: 'Line Item', description: 'One product in an order.', line: 5 },
      { name: 'Customer', description: 'Who pays.', line: 6 },
      { name: 'TufeDataSource', description: '- **api_endpoint**: URL', line: 9 },
    ]);
  });
});

describe('edge cases and assumptions', () => {
  it('reads list items, nested lines included, when a section matches', () => {
    const spec = parseSpec(
      [
        '## Edge Cases',
        '- What if A?',
        '  The system retries.',
        '- What if B?',
        '',
        '## Assumptions',
        '',
        'Stated as paragraphs:',
        '',
        '- Users have accounts.',
        '',
        '## Constraints and Assumptions',
        '### Assumptions',
        '- The most specific section wins.',
      ].join('\n'),
    );
    expect(spec.edgeCases).toEqual([
      { text: 'What if A?\nThe system retries.', line: 2 },
      { text: 'What if B?', line: 4 },
    ]);
    expect(spec.assumptions).toEqual([
      { text: 'Users have accounts.', line: 10 },
      { text: 'The most specific section wins.', line: 14 },
    ]);
  });

  it('reads paragraphs when the section has no list', () => {
    const spec = parseSpec('## Edge Cases\n\nFirst case.\n\nSecond case.\n');
    expect(spec.edgeCases).toEqual([
      { text: 'First case.', line: 3 },
      { text: 'Second case.', line: 5 },
    ]);
  });

  it('finds the sections when their names are translated', () => {
    const spec = parseSpec(
      '## エッジケース\n- A\n## Casos límite\n- B\n## Grenzfälle\n- C\n## 假设\n- D\n## Giả định\n- E\n',
    );
    expect(spec.edgeCases.map((e) => e.text)).toEqual(['A', 'B', 'C']);
    expect(spec.assumptions.map((e) => e.text)).toEqual(['D', 'E']);
  });
});
