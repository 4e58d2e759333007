import { describe, expect, it } from 'vitest';
import { makeTemplate } from '../render/test-utils/template.js';
import { parseSpec } from '../spec/parse-spec.js';
import { checkSpec } from './check-spec.js';

const base = makeTemplate('');
const template = {
  ...base,
  meta: {
    ...base.meta,
    kind: 'spec' as const,
    idPatterns: { FR: 'FR-\\d{3}[a-z]?', SC: 'SC-\\d{3}[a-z]?' },
  },
};

function check(text: string) {
  return checkSpec(parseSpec(text, { file: 'spec.md' }), { file: 'spec.md', template }).map(
    ({ code, severity, line, column, message }) => ({ code, severity, line, column, message }),
  );
}

describe('checkSpec', () => {
  it('finds nothing when ids are unique and well formed and no question is open', () => {
    const text =
      '# Login\n\n## Requirements\n\n- **FR-001**: Log in.\n- **FR-002a**: Log out.\n- **SC-001**: Fast.\n';
    expect(check(text)).toEqual([]);
  });

  it('warns at every open clarification marker', () => {
    const text =
      '# Login\n\nKeep sessions for [NEEDS CLARIFICATION: how long?] days.\n\n`[NEEDS CLARIFICATION: code]`\n';
    expect(check(text)).toEqual([
      {
        code: 'SPECFORGE_CHECK_CLARIFICATION_OPEN',
        severity: 'warning',
        line: 3,
        column: 19,
        message: 'An open question is still marked: [NEEDS CLARIFICATION: how long?].',
      },
    ]);
  });

  it('reports a duplicate id at its second definition', () => {
    const text = '# Login\n\n- **FR-001**: Log in.\n- **FR-002**: Log out.\n- **FR-001**: Again.\n';
    expect(check(text)).toEqual([
      {
        code: 'SPECFORGE_CHECK_ID_DUPLICATE',
        severity: 'error',
        line: 5,
        column: 5,
        message: 'FR-001 is used again; it was first defined on line 3.',
      },
    ]);
  });

  it('reports FR and SC ids that do not have three digits', () => {
    const text = '# Login\n\n- **FR-1**: Log in.\n- **FR-0001**: Log out.\n- SC-01: Fast.\n';
    expect(check(text).map(({ code, line, column }) => [code, line, column])).toEqual([
      ['SPECFORGE_CHECK_ID_MALFORMED', 3, 5],
      ['SPECFORGE_CHECK_ID_MALFORMED', 4, 5],
      ['SPECFORGE_CHECK_ID_MALFORMED', 5, 3],
    ]);
  });

  it('leaves ids with translated prefixes alone', () => {
    const text = '# Login\n\n## Requisitos funcionales\n\n- **RF-01**: Entrar.\n';
    expect(check(text)).toEqual([]);
  });
});
