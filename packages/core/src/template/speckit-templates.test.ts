import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRenderEnvironment } from '../render/index.js';
import { parseSpec } from '../spec/index.js';
import { parseTemplateFile } from './parse-template-file.js';

// The built-in pack is a data package of the workspace; its templates are this test's fixtures.
const packDir = new URL('../../../../templates/speckit/', import.meta.url);

/** A small Spec Kit spec: stories out of priority order, one without a priority, a code fence. */
const specText = `# Feature Specification: Gift Cards

**Feature Branch**: \`042-gift-cards\`

**Created**: 2026-01-05

**Status**: Draft

**Input**: User description: "Let shoppers pay with gift cards"

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Check a card balance (Priority: P2)

A shopper types a card code and sees what is left on it.

**Why this priority**: Shoppers ask support for balances every day.

**Independent Test**: Enter a known code and compare the balance shown.

**Acceptance Scenarios**:

1. **Given** a card with 20 EUR, **When** the shopper enters its code, **Then** 20 EUR is shown
2. Codes are accepted with or without dashes

---

### User Story 2 - Pay with a card (Priority: P1)

**Why this priority**: Without it gift cards are worthless.

**Acceptance Scenarios**:

1. **Given** a cart of 30 EUR and a card of 20 EUR, **When** the shopper pays, **Then** 10 EUR is left to pay by other means

---

### User Story 3 - Print a card

A clerk prints a card at the till.

### Edge Cases

- What happens when the card expired?

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST check a code before accepting it
- **FR-002**: System MUST keep cards valid for [NEEDS CLARIFICATION: how long?]

### Key Entities *(include if feature involves data)*

- **Gift Card**: a code and a balance

## Success Criteria *(mandatory)*

### Measurable Outcomes

- **SC-001**: A balance check answers within 1 second

## Assumptions

- Cards are sold in EUR only

\`\`\`text
code format: XXXX-XXXX
\`\`\`
`;

const specs = {
  full: { text: specText, spec: parseSpec(specText, { file: 'specs/042-gift-cards/spec.md' }) },
  empty: { text: '', spec: parseSpec('', { file: 'spec.md' }) },
};

describe('the speckit templates', () => {
  const environment = createRenderEnvironment();

  it.each([
    ['spec', 'full'],
    ['spec', 'empty'],
    ['plan', 'full'],
    ['plan', 'empty'],
    ['tasks', 'full'],
    ['tasks', 'empty'],
    ['checklist', 'full'],
    ['checklist', 'empty'],
  ] as const)('render %s.md from the %s spec', async (id, which) => {
    const file = new URL(`${id}.md`, packDir);
    const template = parseTemplateFile(await readFile(file, 'utf8'), {
      file: `templates/speckit/${id}.md`,
      pack: { name: 'speckit', version: '1.0.0' },
    });
    const { text, spec } = specs[which];
    const output = environment.render(template, {
      SPECIFICATION: text,
      spec,
      project: { name: 'shop', root: '/repo', config: {} },
      template: { id, pack: 'speckit', version: '1.0.0', ref: `speckit/${id}` },
      today: '2026-02-03',
    });
    await expect(output).toMatchFileSnapshot(`__fixtures__/speckit-render/${id}.${which}.md`);
  });
});
